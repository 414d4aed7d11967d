using System.Text.Json.Serialization;

namespace Likeness.Providers.Fal.Models;

/// <summary>A queue request's status as fal reports it (<c>GET …/requests/{id}/status</c>).</summary>
public sealed record FalQueueStatus
{
    /// <summary><c>IN_QUEUE</c>, <c>IN_PROGRESS</c> or <c>COMPLETED</c> (see <see cref="FalQueueState"/>).</summary>
    public required string Status { get; init; }

    /// <summary>fal's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Where the result is read.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>Where the status is read.</summary>
    public string? StatusUrl { get; init; }

    /// <summary>Where it is cancelled.</summary>
    public string? CancelUrl { get; init; }

    /// <summary>Place in the queue (0-based) while <c>IN_QUEUE</c>.</summary>
    public int? QueuePosition { get; init; }

    /// <summary>Log lines (when asked for with <c>logs=1</c>).</summary>
    public IReadOnlyList<FalLogLine>? Logs { get; init; }

    /// <summary>Timing facts on completion (<c>inference_time</c>, absent on legacy apps).</summary>
    public FalMetrics? Metrics { get; init; }

    /// <summary>Why the request failed, when it completed with an error.</summary>
    public string? Error { get; init; }

    /// <summary>fal's machine-readable failure category (e.g. <c>request_timeout</c>).</summary>
    public string? ErrorType { get; init; }

    /// <summary>True when fal has finished with it (successfully or not).</summary>
    [JsonIgnore]
    public bool IsCompleted => Status == FalQueueState.Completed;

    /// <summary>True when it completed with an error.</summary>
    [JsonIgnore]
    public bool IsFailed => IsCompleted && (Error is not null || ErrorType is not null);
}

/// <summary>The queue states fal's official clients know.</summary>
public static class FalQueueState
{
    /// <summary>Waiting for a runner.</summary>
    public const string InQueue = "IN_QUEUE";

    /// <summary>Running.</summary>
    public const string InProgress = "IN_PROGRESS";

    /// <summary>Finished, successfully or not (read the result to know which).</summary>
    public const string Completed = "COMPLETED";
}

/// <summary>One log line of a running request.</summary>
public sealed record FalLogLine(string Message, string? Level = null, string? Source = null, string? Timestamp = null);

/// <summary>Completion metrics.</summary>
public sealed record FalMetrics(double? InferenceTime);

/// <summary>What a cancel request was answered (<c>CANCELLATION_REQUESTED</c>, <c>ALREADY_COMPLETED</c>, <c>NOT_FOUND</c>, <c>OK</c>).</summary>
public sealed record FalCancelResult(string Status, int HttpStatus)
{
    /// <summary>True when fal accepted the cancellation.</summary>
    public bool Accepted => Status is "CANCELLATION_REQUESTED" or "OK";
}
