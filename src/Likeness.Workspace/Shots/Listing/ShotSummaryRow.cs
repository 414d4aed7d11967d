namespace Likeness.Workspace.Shots.Listing;

/// <summary>A row of <c>Shots</c> as stored: its JSON columns as their text (<see cref="ShotSummaries"/>).</summary>
internal sealed class ShotSummaryRow
{
    public Guid Id { get; set; }

    public Guid CharacterId { get; set; }

    public Guid IdentityModelId { get; set; }

    public string Provider { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string Request { get; set; } = string.Empty;

    public string Assets { get; set; } = string.Empty;

    public decimal CostUsd { get; set; }

    public bool Simulated { get; set; }

    public string Scores { get; set; } = string.Empty;

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Verdict { get; set; }

    public string? Review { get; set; }

    public string? Routing { get; set; }

    /// <summary>The list order's key (<see cref="ShotOrder.Ticks"/>).</summary>
    public long CreatedTicks { get; set; }
}
