using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class StatusStreamTests
{
    [Fact]
    public async Task The_status_stream_sends_one_event_per_change_and_closes_after_completion()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time });
        using var wire = new FalWire(fal.Key);
        JsonElement submit = await wire.SubmitAsync(fal.QueueUri, "fal-ai/kling-video/o1/reference-to-video", new { prompt = "walk" });

        using HttpResponseMessage response = await wire.Http.GetAsync(submit.GetProperty("status_url").GetString() + "/stream?logs=1", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("IN_QUEUE", await NextStatusAsync(reader));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("IN_PROGRESS", await NextStatusAsync(reader));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("IN_PROGRESS", await NextStatusAsync(reader)); // a new log line
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("COMPLETED", await NextStatusAsync(reader));
        Assert.Equal("", (await reader.ReadToEndAsync()).Trim());
    }

    private static async Task<string> NextStatusAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using JsonDocument status = JsonDocument.Parse(line["data: ".Length..]);
                return status.RootElement.GetProperty("status").GetString()!;
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }
}
