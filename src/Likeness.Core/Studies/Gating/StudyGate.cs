namespace Likeness.Core.Studies.Gating;

/// <summary>
/// A study's gate (the study file's <c>gate:</c>): each (character, provider, scenario) cell keeps
/// <see cref="Keep"/> shots that pass the character's calibrated threshold, re-rolling failures, within
/// <see cref="MaxAttempts"/> attempts and <see cref="MaxCostUsd"/> dollars per cell.
/// </summary>
/// <param name="Keep">Shots to keep per cell (N).</param>
/// <param name="MaxAttempts">Most attempts per cell (A).</param>
/// <param name="MaxCostUsd">Most money per cell, in dollars.</param>
public sealed record StudyGate(int Keep, int MaxAttempts, decimal MaxCostUsd)
{
    /// <summary>Whether each attempt makes a cheap draft first (<c>gate.preview</c>).</summary>
    public Gates.GatePreview Preview { get; init; } = Gates.GatePreview.None;
}
