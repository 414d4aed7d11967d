namespace Likeness.Core.Studies.Decisions;

/// <summary>
/// What the measured numbers recommend: the primary approach, the fallback, and the measured trigger for switching
/// between them (a number of kept shots per character, or a pass rate), with a sentence saying so.
/// </summary>
/// <param name="Primary">The provider to use first; null when nothing can be recommended.</param>
/// <param name="Fallback">The provider to switch to; null when there is none.</param>
/// <param name="Trigger">"kept-shots-per-character" (train past the break-even), "pass-rate" (switch when the primary's pass rate falls below it) or "none".</param>
/// <param name="TriggerValue">The break-even kept shots per character or the pass rate; null for "none".</param>
/// <param name="Text">The recommendation in one or two sentences, with the numbers.</param>
public sealed record Recommendation(string? Primary, string? Fallback, string Trigger, double? TriggerValue, string Text)
{
    /// <summary>Trigger: train a character once it needs more kept shots than the break-even.</summary>
    public const string KeptShotsPerCharacter = "kept-shots-per-character";

    /// <summary>Trigger: switch when the primary's measured pass rate falls below the value.</summary>
    public const string PassRate = "pass-rate";

    /// <summary>No trigger (one approach, or none).</summary>
    public const string None = "none";
}
