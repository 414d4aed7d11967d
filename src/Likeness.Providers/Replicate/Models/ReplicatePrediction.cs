using System.Text.Json;

namespace Likeness.Providers.Replicate.Models;

/// <summary>
/// A prediction or a training as Replicate returns it (providers.md §2.2, §2.3: a training is a prediction whose
/// <c>output</c> is <c>{version, weights}</c>). Webhook bodies carry the same object.
/// </summary>
public sealed record ReplicatePrediction
{
    /// <summary>Replicate's id.</summary>
    public required string Id { get; init; }

    /// <summary><c>owner/name</c> of the model run.</summary>
    public string? Model { get; init; }

    /// <summary>The version id, or <c>hidden</c> for official models.</summary>
    public string? Version { get; init; }

    /// <summary>The input as sent.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Any JSON; files are HTTPS URLs. Null once <see cref="DataRemoved"/>.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>The model's log text so far.</summary>
    public string? Logs { get; init; }

    /// <summary>The error text of a failed prediction.</summary>
    public JsonElement? Error { get; init; }

    /// <summary><c>starting</c>, <c>processing</c>, <c>succeeded</c>, <c>failed</c>, <c>canceled</c> or <c>aborted</c>.</summary>
    public required string Status { get; init; }

    /// <summary>True once Replicate removed the inputs, outputs and logs (after 1 h for API predictions).</summary>
    public bool DataRemoved { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When a worker started it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a terminal status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When it is cancelled if not done (<c>Cancel-After</c>).</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Timings; <c>predict_time</c> is what Replicate bills.</summary>
    public ReplicateMetrics? Metrics { get; init; }

    /// <summary>Where to read and cancel it.</summary>
    public ReplicateUrls? Urls { get; init; }

    /// <summary>True when the status is terminal.</summary>
    public bool IsTerminal => ReplicateStatus.IsTerminal(Status);

    /// <summary>The error as text, whatever JSON it came as.</summary>
    public string? ErrorText => Error is { } e && e.ValueKind != JsonValueKind.Null
        ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())
        : null;
}

/// <summary>A prediction's timings in seconds.</summary>
public sealed record ReplicateMetrics(double? PredictTime, double? TotalTime);

/// <summary>A prediction's links.</summary>
public sealed record ReplicateUrls(Uri? Get, Uri? Cancel, Uri? Stream = null, Uri? Web = null);

/// <summary>A training's output: the new version of the destination model and its weights.</summary>
public sealed record ReplicateTrainingOutput(string? Version, string? Weights);
