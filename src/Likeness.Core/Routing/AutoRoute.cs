namespace Likeness.Core.Routing;

/// <summary>
/// The <c>auto</c> route's decision: a character starts on instant generation and moves to a trained identity when the
/// kept shots it is expected to need over the horizon reach the break-even (<see cref="RouteEconomics.BreakEvenKeptShots"/>).
/// The expectation is the character's measured rate (kept shots so far over the time since its first shot) times the
/// horizon, so a lead that makes many shots a day trains early and a secondary that makes a few stays instant.
/// </summary>
public static class AutoRoute
{
    /// <summary>Kept shots measured before any decision (fewer say nothing about the rate).</summary>
    public const int MinimumEvidence = 5;

    /// <summary>Whether to train now, with the numbers it rests on.</summary>
    public static AutoDecision Decide(RouteEconomics economics, int keptSoFar, DateTimeOffset firstShotAt, DateTimeOffset now, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentOutOfRangeException.ThrowIfNegative(keptSoFar);
        if (horizon <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be positive.");
        }

        double? breakEven = economics.BreakEvenKeptShots;
        // At least a day of history, so a burst of shots in the first minutes does not read as a year's volume.
        double days = Math.Max(1, (now - firstShotAt).TotalDays);
        double projected = keptSoFar / days * horizon.TotalDays;
        bool train = keptSoFar >= MinimumEvidence && breakEven is { } b && projected >= b;
        string why = breakEven is null
            ? "training is not cheaper per kept shot"
            : keptSoFar < MinimumEvidence
                ? $"{keptSoFar} kept shots so far; {MinimumEvidence} are needed to measure the rate"
                : $"{projected:0} kept shots expected over {horizon.TotalDays:0} days against a break-even of {breakEven:0}";
        return new AutoDecision(train, breakEven, projected, why);
    }
}

/// <summary>The auto route's decision.</summary>
/// <param name="Train">Whether to train (propose, or start when allowed) now.</param>
/// <param name="BreakEvenKeptShots">The break-even; null when training never pays.</param>
/// <param name="ProjectedKeptShots">Kept shots expected over the horizon.</param>
/// <param name="Reason">The numbers, in words.</param>
public sealed record AutoDecision(bool Train, double? BreakEvenKeptShots, double ProjectedKeptShots, string Reason);
