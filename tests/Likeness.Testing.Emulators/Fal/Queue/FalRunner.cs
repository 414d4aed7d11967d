using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Apps;
using Likeness.Testing.Emulators.Fal.Storage;

namespace Likeness.Testing.Emulators.Fal.Queue;

/// <summary>Produces outcomes: a cancellation, an injected failure (<see cref="FalEmulatorOptions.FailWith"/>), or the app's own answer.</summary>
internal sealed class FalRunner(FalEmulatorOptions options, FalFetcher fetcher, FalCdn cdn, FalLoraRegistry loras, CancellationToken lifetime)
{
    private readonly Lock _gate = new();

    /// <summary>The error a cancelled request completes with (fal's shape for it is UNCONFIRMED; see the README).</summary>
    public static FalOutcome Cancelled { get; } =
        new(400, new JsonObject { ["detail"] = "Request was cancelled.", ["error_type"] = "request_cancelled" });

    /// <summary>The outcome of a completed job, computed on first use and kept.</summary>
    public Task<FalOutcome> OutcomeAsync(FalJob job)
    {
        lock (_gate)
        {
            return job.Outcome ??= job.Cancelled
                ? Task.FromResult(Cancelled)
                : RunAsync(job.RequestId, job.EndpointId, job.App, job.Input, job.EndAt!.Value, job.MediaLifetime);
        }
    }

    /// <summary>Runs an app now (sync endpoint) or for a completed job.</summary>
    public async Task<FalOutcome> RunAsync(string requestId, string endpointId, IFalApp app, JsonElement input, DateTimeOffset completedAt, TimeSpan? mediaLifetime)
    {
        if (options.FailWith?.Invoke(endpointId, input) is { } failure)
        {
            return new FalOutcome(failure.Status, JsonNode.Parse(failure.Body) ?? new JsonObject());
        }

        var context = new FalAppContext(requestId, input, completedAt, fetcher, cdn, loras, options, mediaLifetime);
        try
        {
            return await Task.Run(() => app.RunAsync(context, lifetime), lifetime);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new FalOutcome(500, new JsonObject { ["detail"] = $"Emulated app crashed: {ex.Message}", ["error_type"] = "internal_error" });
        }
    }

    /// <summary>The <c>error</c>/<c>error_type</c> a COMPLETED status carries for a failed outcome.</summary>
    public static (string Error, string ErrorType) Describe(FalOutcome outcome)
    {
        string type = outcome.Body is JsonObject body && body["error_type"] is JsonValue value && value.TryGetValue(out string? declared)
            ? declared
            : outcome.Status == 422 ? "validation_error" : "internal_error";
        return ($"Invalid status code: {outcome.Status}", type);
    }
}
