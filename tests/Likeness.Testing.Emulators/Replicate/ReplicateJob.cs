using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Likeness.Testing.Emulators.Replicate;

/// <summary>
/// One emulated prediction or training. Its status is a function of the clock: <c>starting</c> until
/// <see cref="StartAt"/>, <c>processing</c> until <see cref="EndAt"/>, then succeeded or failed; a cancel or a passed
/// deadline stops it first (a deadline before the start aborts it, not charged; anything else stopped is canceled).
/// </summary>
internal sealed class ReplicateJob
{
    public required string Id { get; init; }

    /// <summary><c>prediction</c> or <c>training</c>.</summary>
    public required string Kind { get; init; }

    public required string Model { get; init; }

    public required string Version { get; init; }

    public required JsonElement Input { get; init; }

    public string? Webhook { get; init; }

    public IReadOnlyList<string> EventsFilter { get; init; } = ["output", "completed"];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset StartAt { get; init; }

    public required DateTimeOffset EndAt { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The <c>predict_time</c> a full run reports.</summary>
    public required double ReportedSeconds { get; init; }

    /// <summary>The error of a run that fails, decided at creation.</summary>
    public string? Error { get; init; }

    /// <summary>The output of a successful run, made at creation and revealed at the end.</summary>
    public JsonNode? Output { get; set; }

    /// <summary>Steps a training logs.</summary>
    public int Steps { get; init; }

    /// <summary>Lines logged at the start (e.g. how the training set was captioned).</summary>
    public IReadOnlyList<string> StartLogs { get; init; } = [];

    public DateTimeOffset? CanceledAt { get; set; }

    /// <summary>Webhook events already sent (<c>start</c>, <c>completed</c>).</summary>
    public HashSet<string> EventsSent { get; } = [];

    private DateTimeOffset? StopAt
    {
        get
        {
            DateTimeOffset? stop = CanceledAt is { } c && (Deadline is not { } d || c < d) ? c : Deadline;
            return stop is { } at && at < EndAt ? at : null;
        }
    }

    public string StatusAt(DateTimeOffset now)
    {
        if (StopAt is { } stop && stop <= now)
        {
            return stop < StartAt && CanceledAt != stop ? "aborted" : "canceled";
        }

        return now < StartAt ? "starting" : now < EndAt ? "processing" : Error is null ? "succeeded" : "failed";
    }

    /// <summary>When it reached its terminal status, if it has.</summary>
    public DateTimeOffset? CompletedAt(DateTimeOffset now) =>
        StatusAt(now) is "starting" or "processing" ? null : StopAt ?? EndAt;

    /// <summary>True once the retention after completion has passed: input, output and logs are gone.</summary>
    public bool DataRemovedAt(DateTimeOffset now, TimeSpan retention) => CompletedAt(now) is { } done && now >= done + retention;

    /// <summary>Billed seconds: the share of the run that happened, none when it never started.</summary>
    public double? PredictTimeAt(DateTimeOffset now)
    {
        if (CompletedAt(now) is not { } done || done <= StartAt)
        {
            return null;
        }

        double ran = (done - StartAt).TotalMilliseconds, full = Math.Max(1, (EndAt - StartAt).TotalMilliseconds);
        return Math.Round(ReportedSeconds * Math.Min(1, ran / full), 3);
    }

    /// <summary>The object as <c>GET</c> and webhooks return it.</summary>
    public JsonObject ToJson(DateTimeOffset now, Uri apiRoot, TimeSpan retention)
    {
        string status = StatusAt(now);
        bool removed = DataRemovedAt(now, retention);
        DateTimeOffset? completed = CompletedAt(now);
        string self = new Uri(apiRoot, (Kind == "training" ? "trainings/" : "predictions/") + Id).AbsoluteUri;
        var json = new JsonObject
        {
            ["id"] = Id,
            ["model"] = Model,
            ["version"] = Version,
            ["input"] = removed ? null : JsonNode.Parse(Input.GetRawText()),
            ["output"] = status == "succeeded" && !removed ? Output?.DeepClone() : null,
            ["logs"] = removed ? "" : Logs(now),
            ["error"] = status == "failed" ? Error : null,
            ["status"] = status,
            ["source"] = "api",
            ["data_removed"] = removed,
            ["created_at"] = Stamp(CreatedAt),
            ["started_at"] = now >= StartAt && (StopAt is null || StopAt >= StartAt) ? Stamp(StartAt) : null,
            ["completed_at"] = completed is { } c ? Stamp(c) : null,
            ["urls"] = new JsonObject { ["get"] = self, ["cancel"] = self + "/cancel", ["web"] = $"https://replicate.com/p/{Id}" },
        };
        if (Deadline is { } deadline)
        {
            json["deadline"] = Stamp(deadline);
        }

        if (completed is not null)
        {
            json["metrics"] = new JsonObject { ["predict_time"] = PredictTimeAt(now), ["total_time"] = Math.Round(((completed.Value - CreatedAt).TotalSeconds), 3) };
        }

        if (Webhook is not null)
        {
            json["webhook"] = Webhook;
            json["webhook_events_filter"] = new JsonArray([.. EventsFilter.Select(e => (JsonNode)e)]);
        }

        return json;
    }

    private string Logs(DateTimeOffset now)
    {
        if (now < StartAt)
        {
            return "";
        }

        var lines = new List<string>(StartLogs);
        if (Steps > 0)
        {
            DateTimeOffset until = CompletedAt(now) ?? now;
            double fraction = Math.Clamp((until - StartAt).TotalMilliseconds / Math.Max(1, (EndAt - StartAt).TotalMilliseconds), 0, 1);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"flux_train_replicate: {(int)(fraction * Steps)}/{Steps} [lr: 4.0e-04 loss: 3.1e-01]"));
        }

        return string.Join('\n', lines);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
}
