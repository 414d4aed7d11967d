namespace Likeness.Providers.Sim;

/// <summary>A simulated training job as the simulated backend stores it.</summary>
internal sealed record SimJob
{
    public required string Id { get; init; }

    public required string Profile { get; init; }

    public required string CharacterKey { get; init; }

    public required string TriggerToken { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public required double DurationMs { get; init; }

    public required bool WillFail { get; init; }

    public bool Cancelled { get; init; }

    public required IReadOnlyList<string> ReferenceShas { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
