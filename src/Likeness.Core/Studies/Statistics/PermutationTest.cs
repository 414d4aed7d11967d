namespace Likeness.Core.Studies.Statistics;

/// <summary>A two-sided permutation test of a difference in means, seeded so it is reproducible.</summary>
public static class PermutationTest
{
    /// <summary>The default number of random relabellings.</summary>
    public const int DefaultPermutations = 10_000;

    /// <summary>
    /// Pools both samples, relabels them at random <paramref name="permutations"/> times and counts relabellings whose
    /// |mean difference| is at least the observed one (with a 1e-12 tolerance for rounding). p = (count + 1) / (R + 1),
    /// which never reports an impossible 0. Null when either sample is empty.
    /// </summary>
    public static double? TwoSidedP(IReadOnlyList<double> a, IReadOnlyList<double> b, int seed, int permutations = DefaultPermutations)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        if (a.Count == 0 || b.Count == 0)
        {
            return null;
        }

        double[] pooled = [.. a, .. b];
        double total = pooled.Sum();
        double observed = Math.Abs(Difference(pooled.AsSpan(0, a.Count), a.Count, b.Count, total));
        var random = new Random(seed);
        int extreme = 0;
        for (int r = 0; r < permutations; r++)
        {
            // Partial Fisher–Yates: only the first |a| slots need to be a uniform random subset.
            for (int i = 0; i < a.Count; i++)
            {
                int j = random.Next(i, pooled.Length);
                (pooled[i], pooled[j]) = (pooled[j], pooled[i]);
            }

            if (Math.Abs(Difference(pooled.AsSpan(0, a.Count), a.Count, b.Count, total)) >= observed - 1e-12)
            {
                extreme++;
            }
        }

        return (extreme + 1.0) / (permutations + 1.0);
    }

    private static double Difference(ReadOnlySpan<double> first, int na, int nb, double total)
    {
        double sumA = 0;
        foreach (double v in first)
        {
            sumA += v;
        }

        return (sumA / na) - ((total - sumA) / nb);
    }
}
