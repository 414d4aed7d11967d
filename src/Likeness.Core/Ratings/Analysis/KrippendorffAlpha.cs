namespace Likeness.Core.Ratings.Analysis;

/// <summary>
/// Krippendorff's alpha for nominal data (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
/// α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, from the coincidence matrix o. Units rated by fewer than two
/// raters are not pairable and left out, so a rater who stopped half-way costs nothing but their missing votes.
/// </summary>
public static class KrippendorffAlpha
{
    /// <summary>
    /// α over <paramref name="units"/> (each the categories its raters chose, missing votes simply absent); null when no
    /// unit has two values, or when every value is the same category (α is 0/0 then: no variation to agree on).
    /// </summary>
    public static double? Nominal(IEnumerable<IReadOnlyList<int>> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var coincidences = new Dictionary<(int, int), double>();
        var totals = new Dictionary<int, double>();
        foreach (IReadOnlyList<int> unit in units)
        {
            int m = unit.Count;
            if (m < 2)
            {
                continue;
            }

            // Every ordered pair of values from different raters, weighted 1/(m − 1).
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    (int, int) key = (unit[i], unit[j]);
                    coincidences[key] = coincidences.GetValueOrDefault(key) + (1.0 / (m - 1));
                }

                totals[unit[i]] = totals.GetValueOrDefault(unit[i]) + 1;
            }
        }

        double n = totals.Values.Sum();
        if (n < 2)
        {
            return null;
        }

        double observed = coincidences.Where(c => c.Key.Item1 != c.Key.Item2).Sum(c => c.Value);
        double expected = 0;
        foreach ((int c, double nc) in totals)
        {
            foreach ((int k, double nk) in totals)
            {
                if (c != k)
                {
                    expected += nc * nk;
                }
            }
        }

        return expected == 0 ? null : 1 - ((n - 1) * observed / expected);
    }
}
