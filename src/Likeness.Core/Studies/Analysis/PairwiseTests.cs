using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Analysis;

/// <summary>Compares every pair of providers on face distance and on identity pass, Holm-corrected per metric.</summary>
public static class PairwiseTests
{
    /// <summary>The metric names.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["face_distance", "identity_pass"];

    /// <summary>Runs Welch and permutation tests for each pair and metric.</summary>
    public static IReadOnlyList<PairwiseTest> Run(IReadOnlyList<string> providers, IReadOnlyList<StudyShotResult> shots, StudyAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(shots);
        ArgumentNullException.ThrowIfNull(options);
        var all = new List<PairwiseTest>();
        foreach (string metric in Metrics)
        {
            List<PairwiseTest> family = [];
            foreach ((int a, int b) in StudyAnalyzer.Pairs(providers.Count))
            {
                double[] x = Values(shots, providers[a], metric);
                double[] y = Values(shots, providers[b], metric);
                family.Add(new PairwiseTest
                {
                    Metric = metric,
                    ProviderA = providers[a],
                    ProviderB = providers[b],
                    CountA = x.Length,
                    CountB = y.Length,
                    MeanA = Descriptive.Mean(x),
                    MeanB = Descriptive.Mean(y),
                    Welch = WelchTest.Run(x, y),
                    PermutationP = PermutationTest.TwoSidedP(x, y, options.Seed, options.Permutations),
                });
            }

            all.AddRange(WithHolm(family));
        }

        return all;
    }

    private static double[] Values(IReadOnlyList<StudyShotResult> shots, string provider, string metric) =>
        metric == "face_distance"
            ? [.. shots.Where(s => s.Provider == provider && s.Status == StudyStatuses.Succeeded && s.FaceDistance is not null).Select(s => s.FaceDistance!.Value)]
            : [.. shots.Where(s => s.Provider == provider && s.IdentityPass is not null).Select(s => s.IdentityPass!.Value ? 1.0 : 0.0)];

    // Holm over the tests that have a p-value; undefined tests stay undefined and do not enlarge the family.
    private static PairwiseTest[] WithHolm(List<PairwiseTest> family)
    {
        PairwiseTest[] result = [.. family];
        int[] welch = [.. Enumerable.Range(0, result.Length).Where(i => result[i].Welch is not null)];
        IReadOnlyList<double> welchAdjusted = Holm.Adjust([.. welch.Select(i => result[i].Welch!.P)]);
        for (int k = 0; k < welch.Length; k++)
        {
            result[welch[k]] = result[welch[k]] with { WelchPHolm = welchAdjusted[k] };
        }

        int[] perm = [.. Enumerable.Range(0, result.Length).Where(i => result[i].PermutationP is not null)];
        IReadOnlyList<double> permAdjusted = Holm.Adjust([.. perm.Select(i => result[i].PermutationP!.Value)]);
        for (int k = 0; k < perm.Length; k++)
        {
            result[perm[k]] = result[perm[k]] with { PermutationPHolm = permAdjusted[k] };
        }

        return result;
    }
}
