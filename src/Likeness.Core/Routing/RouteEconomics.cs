namespace Likeness.Core.Routing;

/// <summary>
/// What instant (reference) generation and a trained identity cost a character per kept shot: each price per attempt
/// (from the ledger) over its measured pass rate (from the gate's verdicts against the character's calibration), and
/// what a training costs.
/// </summary>
/// <param name="InstantPerAttemptUsd">Mean price of an instant attempt.</param>
/// <param name="InstantPassRate">Share of instant attempts the gate keeps.</param>
/// <param name="TrainedPerAttemptUsd">Mean price of an attempt with the trained identity.</param>
/// <param name="TrainedPassRate">Share of trained attempts the gate keeps (measured at the trainer, or its validation).</param>
/// <param name="TrainingUsd">What one training costs.</param>
public sealed record RouteEconomics(decimal InstantPerAttemptUsd, double InstantPassRate, decimal TrainedPerAttemptUsd, double TrainedPassRate, decimal TrainingUsd)
{
    /// <summary>Instant cost per kept shot; null when nothing passes.</summary>
    public decimal? InstantPerKeptUsd => PerKept(InstantPerAttemptUsd, InstantPassRate);

    /// <summary>Trained cost per kept shot; null when nothing passes.</summary>
    public decimal? TrainedPerKeptUsd => PerKept(TrainedPerAttemptUsd, TrainedPassRate);

    /// <summary>
    /// The kept shots after which training has paid for itself: training ÷ (instant − trained cost per kept shot);
    /// null when the trained identity is not cheaper per kept shot (training never pays).
    /// </summary>
    public double? BreakEvenKeptShots
    {
        get
        {
            if (TrainedPerKeptUsd is not { } trained)
            {
                return null;
            }

            // Instant never passes: any volume pays for the training.
            if (InstantPerKeptUsd is not { } instant)
            {
                return 0;
            }

            return instant > trained ? (double)(TrainingUsd / (instant - trained)) : null;
        }
    }

    private static decimal? PerKept(decimal perAttempt, double passRate) => passRate > 0 ? perAttempt / (decimal)passRate : null;
}
