namespace Likeness.Core.Studies.Statistics;

/// <summary>Holm's step-down correction for multiple comparisons (controls the family-wise error rate).</summary>
public static class Holm
{
    /// <summary>
    /// Adjusted p-values in the input order: sort ascending, p̃_(i) = max over j ≤ i of min(1, (m − j + 1)·p_(j)).
    /// A comparison is significant at α when its adjusted p is ≤ α.
    /// </summary>
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        int m = pValues.Count;
        int[] order = [.. Enumerable.Range(0, m).OrderBy(i => pValues[i])];
        var adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }

        return adjusted;
    }
}
