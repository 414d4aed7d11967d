using System.Globalization;
using Likeness.Core.Gates;
using Likeness.Core.Studies.Analysis;
using Likeness.Core.Studies.Projections;

namespace Likeness.Core.Studies.Decisions;

/// <summary>
/// Derives the report's decisions from the measured numbers only: each provider against the success criteria, the
/// cost per kept shot (price ÷ pass rate) as the unit of comparison, the recommendation and the projections.
/// </summary>
public static class DecisionMaker
{
    /// <summary>Method of the identity judgement.</summary>
    public const string IdentityMethod = "identity pass rate with its 95 % Wilson score interval";

    /// <summary>Method of the time judgement.</summary>
    public const string TimeMethod = "mean latency of new calls with its 95 % bootstrap percentile interval of the mean";

    /// <summary>Method of a measured price judgement.</summary>
    public const string MeasuredPriceMethod = "mean cost of new successful calls with its 95 % bootstrap percentile interval of the mean";

    /// <summary>Method of a price from the price table.</summary>
    public const string TablePriceMethod = "price table (not measured: no interval)";

    /// <summary>Judges every provider, recommends, and projects at <paramref name="scales"/>.</summary>
    public static StudyDecisions Decide(
        IReadOnlyList<StudyProviderFacts> facts, IReadOnlyList<GroupStatistics> byProvider, IReadOnlyList<CostBasis> costs,
        SuccessCriteria criteria, IReadOnlyList<ProjectionScale> scales, int amortisationMonths)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(byProvider);
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentOutOfRangeException.ThrowIfLessThan(amortisationMonths, 1);
        ProviderDecision[] providers = [.. facts.Select((f, i) => Judge(f, byProvider[i], costs[i], criteria))];
        return new StudyDecisions(
            criteria, amortisationMonths, providers, Recommend(providers, scales, amortisationMonths),
            [.. scales.Select(s => Project(providers, s, amortisationMonths))], VideoPriced: false);
    }

    private static ProviderDecision Judge(StudyProviderFacts facts, GroupStatistics stats, CostBasis cost, SuccessCriteria criteria)
    {
        CriterionJudgement identity = CriterionJudgement.Of("identity", criteria.IdentityRate, true, stats.IdentityPass.Rate, stats.IdentityPass.WilsonCi95, IdentityMethod);
        CriterionJudgement time = CriterionJudgement.Of(
            "time", criteria.SecondsPerShot, false, stats.LatencyMs.Mean / 1000, stats.LatencyMs.Ci95 is { } l ? new(l.Low / 1000, l.High / 1000) : null, TimeMethod);
        bool measured = cost.PerImageSource == "measured";
        CriterionJudgement price = CriterionJudgement.Of(
            "price", (double)criteria.UsdPerImage, false, (double)cost.PerImageUsd, measured ? stats.CostUsd.Ci95 : null, measured ? MeasuredPriceMethod : TablePriceMethod);
        KeptShotCost? perKept = stats.IdentityPass is { Trials: > 0 } pass ? KeptShotCost.Of(cost.PerImageUsd, pass.Successes, pass.Trials) : null;
        return new ProviderDecision(facts.Provider, facts.Approach, identity, time, price, perKept, cost.TrainingPerCharacterUsd);
    }

    /// <summary>
    /// Among providers with a cost per kept shot (the gate re-rolls failures, so a lower pass rate shows as a higher
    /// cost per kept shot rather than ruling a provider out):
    /// with a trained and a reference approach, the break-even in kept shots per character n* = T ÷ (c_ref − c_trained)
    /// decides; otherwise the cheapest per kept shot is primary, the next the fallback, and the trigger is the pass
    /// rate at which the primary's cost per kept shot reaches the fallback's.
    /// </summary>
    private static Recommendation Recommend(IReadOnlyList<ProviderDecision> providers, IReadOnlyList<ProjectionScale> scales, int months)
    {
        List<ProviderDecision> priced = [.. providers.Where(p => p.PerKept?.PerKeptUsd is not null)];
        if (priced.Count == 0)
        {
            return new Recommendation(null, null, Recommendation.None, null,
                "No recommendation: no provider has a measured identity pass rate above zero (no calibrated threshold, or nothing kept the identity).");
        }

        List<ProviderDecision> pool = [.. priced.OrderBy(PerKept).ThenBy(p => p.TrainingPerCharacterUsd)];
        ProviderDecision? trained = pool.FirstOrDefault(p => p.Approach == "trained");
        ProviderDecision? reference = pool.FirstOrDefault(p => p.Approach != "trained");
        if (trained is not null && reference is not null)
        {
            decimal gap = PerKept(reference) - PerKept(trained);
            if (gap > 0)
            {
                double breakEven = (double)(trained.TrainingPerCharacterUsd / gap);

                // A character at the middle scale needs generations ÷ characters a month, over the amortisation period.
                ProjectionScale typical = scales.Count > 0 ? scales[scales.Count / 2] : ProjectionScale.Seeds[1];
                double perCharacter = typical.GenerationsPerMonth / (double)typical.Characters * months;
                bool trainFirst = perCharacter >= breakEven;
                string caveat = Caveat(trainFirst ? trained : reference);
                string text = string.Create(CultureInfo.InvariantCulture,
                    $"{(trainFirst ? trained.Provider : reference.Provider)} as the primary approach, {(trainFirst ? reference.Provider : trained.Provider)} as the fallback. Training at {trained.Provider} pays for itself after {breakEven:0.#} kept shots per character ({Money(trained.TrainingPerCharacterUsd)} training; {Money(PerKept(trained))} vs {Money(PerKept(reference))} per kept shot): train main characters expected to need more than {breakEven:0.#} kept shots, and shoot secondary characters (and any character while its training runs) at {reference.Provider}.{caveat}");
                return new Recommendation(trainFirst ? trained.Provider : reference.Provider, trainFirst ? reference.Provider : trained.Provider, Recommendation.KeptShotsPerCharacter, breakEven, text);
            }
        }

        ProviderDecision primary = pool[0];
        if (pool.Count == 1)
        {
            return new Recommendation(primary.Provider, null, Recommendation.None, null,
                string.Create(CultureInfo.InvariantCulture, $"{primary.Provider} ({Money(PerKept(primary))} per kept shot); no other provider kept the identity, so there is no fallback.{Caveat(primary)}"));
        }

        ProviderDecision fallback = pool[1];

        // The primary stays cheaper per kept shot while price ÷ rate < the fallback's cost per kept shot.
        double switchRate = (double)(primary.PerKept!.PerAttemptUsd / PerKept(fallback));
        string reason = trained is not null && reference is not null
            ? $"{reference.Provider} costs less per kept shot than training at {trained.Provider} at every volume, so training never pays"
            : $"{primary.Provider} costs {Money(PerKept(primary))} per kept shot, {fallback.Provider} {Money(PerKept(fallback))}";
        return new Recommendation(primary.Provider, fallback.Provider, Recommendation.PassRate, switchRate, string.Create(CultureInfo.InvariantCulture,
            $"{primary.Provider} as the primary approach, {fallback.Provider} as the fallback: {reason}. Switch when {primary.Provider}'s measured pass rate falls below {switchRate:P1} (now {primary.PerKept.PassRate:P1}), where its cost per kept shot passes {fallback.Provider}'s.{Caveat(primary)}"));
    }

    /// <summary>Says when the recommended primary does not keep the identity often enough ungated.</summary>
    private static string Caveat(ProviderDecision primary) => primary.Identity.Verdict is CriterionVerdict.Met or CriterionVerdict.LikelyMet
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture,
            $" Ungated, {primary.Provider} keeps the identity in {primary.PerKept!.PassRate:P1} of shots, short of the {primary.Identity.Target:P0} criterion: use it behind the gate, which re-rolls failures at the cost per kept shot shown.");

    private static ScaleProjection Project(IReadOnlyList<ProviderDecision> providers, ProjectionScale scale, int months)
    {
        var monthly = providers.ToDictionary(
            p => p.Provider,
            p => p.PerKept?.PerKeptUsd is { } perKept ? (perKept * scale.GenerationsPerMonth) + (p.TrainingPerCharacterUsd * scale.Characters / months) : (decimal?)null);
        string? cheapest = monthly.Where(m => m.Value is not null).OrderBy(m => m.Value).Select(m => m.Key).FirstOrDefault();
        return new ScaleProjection(scale, monthly, cheapest);
    }

    private static decimal PerKept(ProviderDecision p) => p.PerKept!.PerKeptUsd!.Value;

    private static string Money(decimal usd) => "$" + usd.ToString(usd >= 1 ? "#,0.00" : "0.0000", CultureInfo.InvariantCulture);
}
