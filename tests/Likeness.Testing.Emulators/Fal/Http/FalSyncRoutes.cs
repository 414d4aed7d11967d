using Likeness.Testing.Emulators.Fal.Apps;
using Likeness.Testing.Emulators.Fal.Queue;
using Likeness.Testing.Emulators.Fal.Storage;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>
/// The emulated <c>fal.run</c>: runs the app at once and answers with its output (or error). It skips the queue
/// and its timings, so it answers immediately even on a manual clock.
/// </summary>
internal sealed class FalSyncRoutes(FalApps apps, FalRunner runner, FalEmulatorOptions options)
{
    public async Task<FalReply> HandleAsync(FalHttpRequest request)
    {
        string endpointId = request.Path.TrimEnd('/');
        if (request.Method != "POST" || apps.Find(endpointId) is not { } app)
        {
            return FalReply.Detail(404, $"Application '{endpointId}' not found.");
        }

        if (request.JsonBody() is not { } input)
        {
            return FalReply.Detail(400, "Request body is not valid JSON.");
        }

        string requestId = Guid.NewGuid().ToString();
        FalOutcome outcome = await runner.RunAsync(requestId, endpointId, app, input, options.Time.GetUtcNow(), FalLifecycle.Parse(request.Header(FalLifecycle.SubmitHeader)));
        return FalReply.Json(outcome.Status, outcome.Body, requestId);
    }
}
