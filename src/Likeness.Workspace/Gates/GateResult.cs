using Likeness.Core.Gates;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Gates;

/// <summary>What a gated request made: the kept shots, the rejected ones with their reasons, and what they cost.</summary>
/// <param name="Kept">Shots that passed, in attempt order.</param>
/// <param name="Rejected">Shots that did not, in attempt order; each carries its verdict and reason.</param>
/// <param name="Attempts">Attempts made (kept + rejected).</param>
/// <param name="SpentUsd">What the attempts cost (cached attempts cost nothing).</param>
/// <param name="Stop">Why it stopped.</param>
/// <param name="Calibration">The calibration every verdict used.</param>
/// <param name="CapId">The cost cap it ran under.</param>
/// <param name="Fallback">Why the whole-image metric stood in for faces; null for the face metric.</param>
public sealed record GateResult(
    IReadOnlyList<Shot> Kept, IReadOnlyList<Shot> Rejected, int Attempts, decimal SpentUsd, GateStop Stop,
    CharacterCalibration Calibration, Guid CapId, string? Fallback)
{
    /// <summary>Preview drafts, in attempt order (each verdict marked <see cref="ShotVerdict.Draft"/>); empty without a preview.</summary>
    public IReadOnlyList<Shot> Drafts { get; init; } = [];

    /// <summary>Spent ÷ kept; null when nothing was kept.</summary>
    public decimal? CostPerKeptUsd => Kept.Count > 0 ? SpentUsd / Kept.Count : null;

    /// <summary>Rejections by reason.</summary>
    public IReadOnlyDictionary<VerdictReason, int> RejectedBy =>
        Rejected.GroupBy(s => s.Verdict!.Reason).ToDictionary(g => g.Key, g => g.Count());
}
