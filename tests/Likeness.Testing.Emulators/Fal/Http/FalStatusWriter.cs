using System.Globalization;
using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Apps;
using Likeness.Testing.Emulators.Fal.Queue;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>
/// fal's status object (providers.md §1.2): <c>request_id</c> and the three URLs on every status, then
/// <c>queue_position</c> (IN_QUEUE), <c>logs</c> (IN_PROGRESS), or <c>logs</c>, <c>metrics</c> and any
/// <c>error</c>/<c>error_type</c> (COMPLETED). Shared by status polls and the status stream.
/// </summary>
internal sealed class FalStatusWriter(Uri queueUri, FalQueue queue, FalRunner runner)
{
    /// <summary>The HTTP status (202 until COMPLETED, then 200) and the status object now.</summary>
    public async Task<(int Status, JsonObject Body)> BuildAsync(FalJob job, bool withLogs)
    {
        FalJobView view = queue.View(job);
        JsonObject body = Urls(job);
        switch (view.Phase)
        {
            case FalPhase.InQueue:
                body["status"] = "IN_QUEUE";
                body["queue_position"] = view.QueuePosition;
                return (202, body);
            case FalPhase.InProgress:
                body["status"] = "IN_PROGRESS";
                body["logs"] = withLogs ? Logs(job, view.Now) : null;
                return (202, body);
            default:
                FalOutcome outcome = await runner.OutcomeAsync(job);
                body["status"] = "COMPLETED";
                body["logs"] = withLogs ? Logs(job, view.Now) : null;
                body["metrics"] = new JsonObject { ["inference_time"] = (job.EndAt!.Value - job.StartAt!.Value).TotalSeconds };
                if (!outcome.IsSuccess)
                {
                    (string error, string type) = FalRunner.Describe(outcome);
                    body["error"] = error;
                    body["error_type"] = type;
                }

                return (200, body);
        }
    }

    /// <summary><c>request_id</c>, <c>response_url</c>, <c>status_url</c>, <c>cancel_url</c>: owner/app only.</summary>
    public JsonObject Urls(FalJob job)
    {
        string response = new Uri(queueUri, $"{job.AppId}/requests/{job.RequestId}").AbsoluteUri;
        return new JsonObject
        {
            ["request_id"] = job.RequestId,
            ["response_url"] = response,
            ["status_url"] = response + "/status",
            ["cancel_url"] = response + "/cancel",
        };
    }

    private static JsonArray Logs(FalJob job, DateTimeOffset now)
    {
        var logs = new JsonArray();
        DateTimeOffset start = job.StartAt!.Value;
        foreach (FalProgressLine line in job.App.Progress(job.Input))
        {
            DateTimeOffset at = start + (job.Duration * line.At);
            if (at > now || at > job.EndAt!.Value)
            {
                continue;
            }

            logs.Add(Log(line.Message, "INFO", at));
        }

        if (job.CancelledWhileRunning)
        {
            logs.Add(Log("Cancellation requested; stopping.", "WARN", job.EndAt!.Value));
        }

        return logs;
    }

    private static JsonObject Log(string message, string level, DateTimeOffset at) => new()
    {
        ["message"] = message,
        ["level"] = level,
        ["source"] = "user",
        ["timestamp"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
    };
}
