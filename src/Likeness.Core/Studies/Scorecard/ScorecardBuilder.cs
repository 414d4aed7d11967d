using Likeness.Core.Gates;
using Likeness.Core.Studies.Projections;
using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Scorecard;

/// <summary>What the scorecard measured about one provider.</summary>
/// <param name="Facts">The provider's facts.</param>
/// <param name="PassRate">Identity pass rate; null when no shot was scored.</param>
/// <param name="MeanLatencyMs">Mean latency of its successful shots; null when none.</param>
/// <param name="Cost">Its cost basis.</param>
public sealed record ScorecardInput(StudyProviderFacts Facts, double? PassRate, double? MeanLatencyMs, CostBasis Cost)
{
    /// <summary>The measured identity pass count behind <see cref="PassRate"/>, for the cost per kept shot; null when unknown.</summary>
    public RateSummary? IdentityPass { get; init; }
}

/// <summary>Scores each provider on the six criteria and tiers it.</summary>
public static class ScorecardBuilder
{
    /// <summary>
    /// Consistency = identity pass rate (missing without a face engine). Training time = 1 without training, else
    /// decay(seconds, half). Latency = decay(mean ms, half). Cost = decay(per image + training / generations per
    /// character, half). Integration and browser compatibility = the given 0..1 rating, labelled with its source (the
    /// study file or the default table), else the rules' default, labelled "default".
    /// Total = Σ w·s over present criteria / Σ w over present criteria.
    /// </summary>
    public static StudyScorecard Build(IReadOnlyList<ScorecardInput> inputs, IReadOnlyDictionary<string, double>? weights, ScorecardRules rules)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(rules);
        IReadOnlyDictionary<string, double> w = ScorecardCriteria.Resolve(weights);
        var rows = new List<ProviderScore>();
        foreach (ScorecardInput input in inputs)
        {
            ScoreEntry[] entries =
            [
                Consistency(input, w),
                Training(input, w, rules),
                Latency(input, w, rules),
                CostEntry(input, w, rules),
                Rating(ScorecardCriteria.Integration, input.Facts.Integration, input.Facts.IntegrationSource, rules.DefaultIntegration, w),
                Rating(ScorecardCriteria.BrowserCompatibility, input.Facts.BrowserCompatibility, input.Facts.BrowserCompatibilitySource, rules.DefaultBrowserCompatibility, w),
            ];
            double present = entries.Where(e => e.Score is not null).Sum(e => e.Weight);
            double total = present > 0 ? entries.Where(e => e.Score is not null).Sum(e => e.Weight * e.Score!.Value) / present : 0;
            rows.Add(new ProviderScore(input.Facts.Provider, input.Facts.DisplayName, entries, total, rules.TierOf(total))
            {
                CostPerKept = input.IdentityPass is { Trials: > 0 } pass ? KeptShotCost.Of(input.Cost.PerImageUsd, pass.Successes, pass.Trials) : null,
            });
        }

        return new StudyScorecard(w, rules.Tier1, rules.Tier2, [.. rows.OrderByDescending(r => r.Total)]);
    }

    private static ScoreEntry Consistency(ScorecardInput input, IReadOnlyDictionary<string, double> w) =>
        input.PassRate is { } rate
            ? new ScoreEntry(ScorecardCriteria.Consistency, w[ScorecardCriteria.Consistency], rate, rate, "measured")
            : new ScoreEntry(ScorecardCriteria.Consistency, w[ScorecardCriteria.Consistency], null, null, "missing");

    private static ScoreEntry Training(ScorecardInput input, IReadOnlyDictionary<string, double> w, ScorecardRules rules)
    {
        double weight = w[ScorecardCriteria.TrainingTime];
        if (input.Facts.TrainingSeconds is { } seconds)
        {
            return new ScoreEntry(ScorecardCriteria.TrainingTime, weight, seconds, ScorecardRules.Decay(seconds, rules.TrainingHalfSeconds), "measured");
        }

        return input.Facts.Approach == "trained"
            ? new ScoreEntry(ScorecardCriteria.TrainingTime, weight, rules.DefaultTrainingSeconds, ScorecardRules.Decay(rules.DefaultTrainingSeconds, rules.TrainingHalfSeconds), "default")
            : new ScoreEntry(ScorecardCriteria.TrainingTime, weight, 0, 1, "no training");
    }

    private static ScoreEntry Latency(ScorecardInput input, IReadOnlyDictionary<string, double> w, ScorecardRules rules) =>
        input.MeanLatencyMs is { } ms
            ? new ScoreEntry(ScorecardCriteria.InferenceLatency, w[ScorecardCriteria.InferenceLatency], ms, ScorecardRules.Decay(ms, rules.LatencyHalfMs), "measured")
            : new ScoreEntry(ScorecardCriteria.InferenceLatency, w[ScorecardCriteria.InferenceLatency], null, null, "missing");

    private static ScoreEntry CostEntry(ScorecardInput input, IReadOnlyDictionary<string, double> w, ScorecardRules rules)
    {
        double effective = (double)(input.Cost.PerImageUsd + (input.Cost.TrainingPerCharacterUsd / rules.GenerationsPerCharacter));
        return new ScoreEntry(ScorecardCriteria.Cost, w[ScorecardCriteria.Cost], effective, ScorecardRules.Decay(effective, rules.CostHalfUsd), input.Cost.PerImageSource);
    }

    private static ScoreEntry Rating(string criterion, double? given, string? source, double fallback, IReadOnlyDictionary<string, double> w) =>
        given is { } g
            ? new ScoreEntry(criterion, w[criterion], g, Math.Clamp(g, 0, 1), source ?? RatingSources.StudyFile)
            : new ScoreEntry(criterion, w[criterion], fallback, fallback, RatingSources.Default);
}
