namespace Likeness.Core.Studies.Decisions;

/// <summary>What each provider would cost a month at one scale, and which is cheapest.</summary>
/// <param name="Scale">The scale.</param>
/// <param name="MonthlyUsd">Per provider: generations × cost per kept shot + characters × training ÷ amortisation months; null when its cost per kept shot is unknown (nothing passed).</param>
/// <param name="Cheapest">The provider with the lowest monthly cost; null when none is known.</param>
public sealed record ScaleProjection(ProjectionScale Scale, IReadOnlyDictionary<string, decimal?> MonthlyUsd, string? Cheapest);
