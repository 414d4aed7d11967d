namespace Likeness.Core.Studies.Scorecard;

/// <summary>The scorecard's criteria (the keys of <see cref="StudyResults.ScorecardWeights"/>) and the seeds' weights.</summary>
public static class ScorecardCriteria
{
    /// <summary>Identity pass rate.</summary>
    public const string Consistency = "consistency";

    /// <summary>Training time per character.</summary>
    public const string TrainingTime = "training_time";

    /// <summary>Inference latency per shot.</summary>
    public const string InferenceLatency = "inference_latency";

    /// <summary>Cost per image, training amortised.</summary>
    public const string Cost = "cost";

    /// <summary>Integration effort.</summary>
    public const string Integration = "integration";

    /// <summary>Browser compatibility.</summary>
    public const string BrowserCompatibility = "browser_compatibility";

    /// <summary>The seeds' weights: 30 / 15 / 20 / 15 / 10 / 10 %.</summary>
    public static IReadOnlyDictionary<string, double> DefaultWeights { get; } = new Dictionary<string, double>
    {
        [Consistency] = 0.30,
        [TrainingTime] = 0.15,
        [InferenceLatency] = 0.20,
        [Cost] = 0.15,
        [Integration] = 0.10,
        [BrowserCompatibility] = 0.10,
    };

    /// <summary>The criteria in display order.</summary>
    public static IReadOnlyList<string> All { get; } = [Consistency, TrainingTime, InferenceLatency, Cost, Integration, BrowserCompatibility];

    /// <summary>
    /// The weights to use: the seeds' when <paramref name="weights"/> is null, else the given ones, which must name
    /// only known criteria, be non-negative and sum to 1 (± 1e-6); a criterion left out weighs 0.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Resolve(IReadOnlyDictionary<string, double>? weights)
    {
        if (weights is null)
        {
            return DefaultWeights;
        }

        foreach ((string name, double w) in weights)
        {
            if (!All.Contains(name))
            {
                throw new ArgumentException($"Unknown scorecard criterion '{name}'; known: {string.Join(", ", All)}.", nameof(weights));
            }

            if (!(w >= 0) || !double.IsFinite(w))
            {
                throw new ArgumentException($"The weight of '{name}' must be a non-negative number, not {w}.", nameof(weights));
            }
        }

        double sum = weights.Values.Sum();
        if (Math.Abs(sum - 1) > 1e-6)
        {
            throw new ArgumentException($"Scorecard weights must sum to 1; they sum to {sum.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)}.", nameof(weights));
        }

        return All.ToDictionary(c => c, c => weights.TryGetValue(c, out double w) ? w : 0);
    }
}
