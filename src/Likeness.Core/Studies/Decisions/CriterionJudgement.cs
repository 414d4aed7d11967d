using System.Text.Json.Serialization;
using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Decisions;

/// <summary>How a measured number stands against a criterion, its 95 % interval included.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CriterionVerdict>))]
public enum CriterionVerdict
{
    /// <summary>Nothing measured (no calibrated threshold, no new call).</summary>
    NoData,

    /// <summary>The whole interval is on the good side.</summary>
    Met,

    /// <summary>The measured value is on the good side, the interval reaches the bad side: not established.</summary>
    LikelyMet,

    /// <summary>The measured value is on the bad side, the interval reaches the good side: not established.</summary>
    LikelyNotMet,

    /// <summary>The whole interval is on the bad side.</summary>
    NotMet,
}

/// <summary>One criterion judged for one provider.</summary>
/// <param name="Criterion">"identity", "time" or "price".</param>
/// <param name="Target">The bound (a rate, seconds or dollars).</param>
/// <param name="HigherIsBetter">True for the identity rate, false for time and price.</param>
/// <param name="Measured">The measured value; null without data.</param>
/// <param name="Ci95">Its 95 % interval; null when the value has none (a price from the price table).</param>
/// <param name="Method">How the value and its interval were obtained, in words.</param>
/// <param name="Verdict">Where the value and its interval lie against the bound.</param>
public sealed record CriterionJudgement(string Criterion, double Target, bool HigherIsBetter, double? Measured, Interval? Ci95, string Method, CriterionVerdict Verdict)
{
    /// <summary>Judges <paramref name="measured"/> with <paramref name="ci"/> against a strict bound.</summary>
    public static CriterionJudgement Of(string criterion, double target, bool higherIsBetter, double? measured, Interval? ci, string method)
    {
        if (measured is not { } m)
        {
            return new CriterionJudgement(criterion, target, higherIsBetter, null, ci, method, CriterionVerdict.NoData);
        }

        bool Good(double v) => higherIsBetter ? v > target : v < target;
        (double low, double high) = ci is null ? (m, m) : (ci.Low, ci.High);
        CriterionVerdict verdict = (Good(low), Good(high), Good(m)) switch
        {
            (true, true, _) => CriterionVerdict.Met,
            (false, false, _) => CriterionVerdict.NotMet,
            (_, _, true) => CriterionVerdict.LikelyMet,
            _ => CriterionVerdict.LikelyNotMet,
        };
        return new CriterionJudgement(criterion, target, higherIsBetter, m, ci, method, verdict);
    }
}
