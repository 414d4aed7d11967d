namespace Likeness.Providers.Replicate.Models;

/// <summary>Per-call settings of a prediction or training create.</summary>
public sealed record ReplicateRunOptions
{
    /// <summary>Hold the create call up to this long for the output (<c>Prefer: wait=N</c>, 1 to 60 s); null: do not hold.</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary>Cancel at Replicate after this long (<c>Cancel-After</c>, at least 5 s); null: no deadline.</summary>
    public TimeSpan? CancelAfter { get; init; }

    /// <summary>Where Replicate posts events (HTTPS; redirects are not followed).</summary>
    public Uri? Webhook { get; init; }

    /// <summary>Which events (<c>start</c>, <c>output</c>, <c>logs</c>, <c>completed</c>); null: Replicate's default.</summary>
    public IReadOnlyList<string>? WebhookEventsFilter { get; init; }
}
