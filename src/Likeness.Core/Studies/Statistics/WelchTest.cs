namespace Likeness.Core.Studies.Statistics;

/// <summary>The result of Welch's unequal-variance t-test.</summary>
/// <param name="T">The t statistic (mean A − mean B over the standard error).</param>
/// <param name="DegreesOfFreedom">The Welch–Satterthwaite degrees of freedom.</param>
/// <param name="P">The exact two-sided p-value from the t distribution.</param>
public sealed record WelchResult(double T, double DegreesOfFreedom, double P);

/// <summary>Welch's t-test for a difference in means between two independent samples.</summary>
public static class WelchTest
{
    /// <summary>
    /// t = (x̄a − x̄b) / √(sa²/na + sb²/nb), ν = (sa²/na + sb²/nb)² / ((sa²/na)²/(na − 1) + (sb²/nb)²/(nb − 1)).
    /// Null when a sample has fewer than two values or both samples have zero variance (the test is undefined).
    /// </summary>
    public static WelchResult? Run(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count < 2 || b.Count < 2)
        {
            return null;
        }

        double va = Descriptive.Variance(a)!.Value / a.Count;
        double vb = Descriptive.Variance(b)!.Value / b.Count;
        double se2 = va + vb;
        if (se2 <= 0)
        {
            return null;
        }

        double t = (Descriptive.Mean(a)!.Value - Descriptive.Mean(b)!.Value) / Math.Sqrt(se2);
        double df = se2 * se2 / ((va * va / (a.Count - 1)) + (vb * vb / (b.Count - 1)));
        return new WelchResult(t, df, StudentT.TwoSidedP(t, df));
    }
}
