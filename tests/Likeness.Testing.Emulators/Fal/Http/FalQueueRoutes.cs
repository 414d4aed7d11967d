using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Apps;
using Likeness.Testing.Emulators.Fal.Queue;
using Likeness.Testing.Emulators.Fal.Storage;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>
/// The emulated <c>queue.fal.run</c>: submit on the full endpoint id, then status, result and cancel on
/// <c>owner/app/requests/{id}</c> only (providers.md §1.1–1.2).
/// </summary>
internal sealed class FalQueueRoutes(FalApps apps, FalQueue queue, FalRunner runner, FalStatusWriter statuses, FalStatusStream stream, FalEmulatorOptions options)
{
    private const int LargeResultBytes = 10 * 1024;

    public async Task<FalReply> HandleAsync(FalHttpRequest request)
    {
        string[] s = request.Segments;
        if (s.Length >= 4 && s[2] == "requests")
        {
            string appId = $"{s[0]}/{s[1]}";
            FalJob? job = queue.Find(s[3]);
            if (job is null || job.AppId != appId)
            {
                return request.Method == "PUT" && s.Length == 5 && s[4] == "cancel"
                    ? FalReply.Json(404, new JsonObject { ["status"] = "NOT_FOUND" })
                    : FalReply.Detail(404, $"Request {s[3]} not found.");
            }

            if (request.Method == "GET" && s.Length > 4 && s[4] == "status")
            {
                queue.Followed(job);
            }

            return (request.Method, s.Length > 4 ? s[4] : null, s.Length) switch
            {
                ("GET", null, 4) => await ResultAsync(job),
                ("GET", "status", 5) => await StatusAsync(job, request.QueryValue("logs") is "1" or "true"),
                ("GET", "status", 6) when s[5] == "stream" => stream.Open(job, request.QueryValue("logs") is "1" or "true"),
                ("PUT", "cancel", 5) => Cancel(job),
                _ => FalReply.Detail(404, "Not found."),
            };
        }

        return request.Method == "POST" && s.Length >= 2 ? Submit(request) : FalReply.Detail(404, "Not found.");
    }

    private FalReply Submit(FalHttpRequest request)
    {
        string endpointId = string.Join('/', request.Segments);
        if (apps.Find(endpointId) is not { } app)
        {
            return FalReply.Detail(404, $"Application '{endpointId}' not found.");
        }

        if (request.JsonBody() is not { } input)
        {
            return FalReply.Detail(400, "Request body is not valid JSON.");
        }

        string? webhook = request.QueryValue("fal_webhook");
        TimeSpan? mediaLifetime = FalLifecycle.Parse(request.Header(FalLifecycle.SubmitHeader));
        FalJob job = queue.Submit(endpointId, $"{request.Segments[0]}/{request.Segments[1]}", app, input, webhook, mediaLifetime);
        FalJobView view = queue.View(job);
        JsonObject body = statuses.Urls(job);
        body["status"] = "IN_QUEUE";
        body["queue_position"] = view.QueuePosition;
        return FalReply.Json(200, body, job.RequestId);
    }

    private async Task<FalReply> StatusAsync(FalJob job, bool withLogs)
    {
        (int status, JsonObject body) = await statuses.BuildAsync(job, withLogs);
        return FalReply.Json(status, body, job.RequestId);
    }

    private async Task<FalReply> ResultAsync(FalJob job)
    {
        FalJobView view = queue.View(job);
        if (view.Phase != FalPhase.Completed)
        {
            return FalReply.Detail(400, "Request is still in progress", job.RequestId);
        }

        FalOutcome outcome = await runner.OutcomeAsync(job);
        FalReply reply = FalReply.Json(outcome.Status, outcome.Body, job.RequestId);
        TimeSpan retention = reply.Body.Length >= LargeResultBytes ? options.LargeResultRetention : options.ResultRetention;
        if (view.Now - job.EndAt!.Value >= retention)
        {
            return FalReply.Detail(404, $"Request {job.RequestId} result has expired.", job.RequestId);
        }

        return reply;
    }

    private FalReply Cancel(FalJob job) =>
        queue.Cancel(job)
            ? FalReply.Json(202, new JsonObject { ["status"] = "CANCELLATION_REQUESTED" }, job.RequestId)
            : FalReply.Json(400, new JsonObject { ["status"] = "ALREADY_COMPLETED" }, job.RequestId);
}
