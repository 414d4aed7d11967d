using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Queue;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>
/// <c>GET .../requests/{id}/status/stream</c>: server-sent events, one <c>data:</c> status object per change (state,
/// position or logs), a comment keep-alive every 15 s, closed after COMPLETED (providers.md §1.2). It watches the
/// emulator's clock every 10 ms of real time, so a manual clock drives it too.
/// </summary>
internal sealed class FalStatusStream(FalStatusWriter statuses)
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    public FalReply Open(FalJob job, bool withLogs) =>
        new(200, [], "text/event-stream", new Dictionary<string, string> { ["x-fal-request-id"] = job.RequestId, ["Cache-Control"] = "no-cache" })
        {
            Streamer = (body, cancellationToken) => PumpAsync(job, withLogs, body, cancellationToken),
        };

    private async Task PumpAsync(FalJob job, bool withLogs, Stream body, CancellationToken cancellationToken)
    {
        string? last = null;
        long lastWrite = Stopwatch.GetTimestamp();
        while (true)
        {
            (int status, JsonObject state) = await statuses.BuildAsync(job, withLogs);
            string json = state.ToJsonString();
            if (json != last)
            {
                await WriteAsync(body, $"data: {json}\n\n", cancellationToken);
                last = json;
                lastWrite = Stopwatch.GetTimestamp();
            }

            if (status == 200)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(lastWrite) >= KeepAlive)
            {
                await WriteAsync(body, ": keep-alive\n\n", cancellationToken);
                lastWrite = Stopwatch.GetTimestamp();
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static async Task WriteAsync(Stream body, string text, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
