using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Gates;

/// <summary>
/// Cost per kept shot: the price of one attempt divided by the measured pass rate, the unit providers are compared
/// in when failing shots are re-rolled (a cheap provider that keeps the character half the time costs twice its
/// price per usable shot). The interval divides the price by the pass rate's 95 % Wilson interval, ends swapped;
/// its upper end is null (unbounded) when the pass rate's lower end is 0.
/// </summary>
/// <param name="PerAttemptUsd">What one attempt costs.</param>
/// <param name="Passed">Attempts that passed.</param>
/// <param name="Attempts">Attempts judged.</param>
/// <param name="PassRate">Passed ÷ attempts.</param>
/// <param name="PerKeptUsd">Price ÷ pass rate; null when nothing passed.</param>
/// <param name="LowUsd">Price ÷ the pass rate's upper bound.</param>
/// <param name="HighUsd">Price ÷ the pass rate's lower bound; null when that is 0.</param>
public sealed record KeptShotCost(decimal PerAttemptUsd, int Passed, int Attempts, double PassRate, decimal? PerKeptUsd, decimal? LowUsd, decimal? HighUsd)
{
    /// <summary>The cost per kept shot from a price and a measured pass count; null without attempts.</summary>
    public static KeptShotCost? Of(decimal perAttemptUsd, int passed, int attempts)
    {
        if (attempts <= 0)
        {
            return null;
        }

        Interval wilson = Wilson.Interval(passed, attempts)!;
        double rate = passed / (double)attempts;
        return new KeptShotCost(perAttemptUsd, passed, attempts, rate, Divide(perAttemptUsd, rate), Divide(perAttemptUsd, wilson.High), Divide(perAttemptUsd, wilson.Low));
    }

    private static decimal? Divide(decimal price, double rate) => rate > 0 ? price / (decimal)rate : null;
}
