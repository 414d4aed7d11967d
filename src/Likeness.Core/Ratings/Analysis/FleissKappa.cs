namespace Likeness.Core.Ratings.Analysis;

/// <summary>
/// Fleiss' kappa (Fleiss 1971) for subjects each rated by the same number of raters:
/// κ = (P̄ − P̄e) / (1 − P̄e). Reported beside Krippendorff's alpha when a session is complete, since it is the figure
/// most papers quote; it is undefined when raters per subject differ.
/// </summary>
public static class FleissKappa
{
    /// <summary>
    /// κ from <paramref name="counts"/>[subject][category] (how many raters put the subject in each category); null
    /// without subjects, with fewer than two raters per subject, when subjects have different numbers of raters, or when
    /// every rating is the same category (chance agreement is then 1 and κ is 0/0).
    /// </summary>
    public static double? Of(IReadOnlyList<IReadOnlyList<int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            return null;
        }

        int raters = counts[0].Sum();
        int categories = counts[0].Count;
        if (raters < 2 || counts.Any(s => s.Count != categories || s.Sum() != raters))
        {
            return null;
        }

        double subjects = counts.Count;
        double meanAgreement = counts.Average(s => (s.Sum(c => (double)c * c) - raters) / (raters * (raters - 1.0)));
        double chance = 0;
        for (int j = 0; j < categories; j++)
        {
            double share = counts.Sum(s => (double)s[j]) / (subjects * raters);
            chance += share * share;
        }

        return chance >= 1 ? null : (meanAgreement - chance) / (1 - chance);
    }
}
