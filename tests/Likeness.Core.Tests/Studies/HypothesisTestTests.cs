using System.Text.Json;
using Likeness.Core.Studies.Statistics;
using Likeness.Testing;

namespace Likeness.Core.Tests.Studies;

public class HypothesisTestTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(RepoPaths.TestData("stats", "reference.json"))).RootElement;

    [Fact]
    public void Student_t_cdf_matches_scipy()
    {
        foreach (JsonElement c in Reference.GetProperty("t_cdf").EnumerateArray())
        {
            double expected = c.GetProperty("cdf").GetDouble();
            double actual = StudentT.Cdf(c.GetProperty("t").GetDouble(), c.GetProperty("df").GetDouble());
            Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Max(1, Math.Abs(expected)) + 1e-13, $"t={c.GetProperty("t")}, df={c.GetProperty("df")}: {actual} vs scipy {expected}");
        }
    }

    [Fact]
    public void Regularized_incomplete_beta_matches_scipy()
    {
        foreach (JsonElement c in Reference.GetProperty("betainc").EnumerateArray())
        {
            double expected = c.GetProperty("value").GetDouble();
            double actual = SpecialFunctions.RegularizedIncompleteBeta(c.GetProperty("x").GetDouble(), c.GetProperty("a").GetDouble(), c.GetProperty("b").GetDouble());
            Assert.Equal(expected, actual, 11);
        }
    }

    [Fact]
    public void Student_t_known_closed_forms()
    {
        // ν = 1 is Cauchy: F(t) = ½ + atan(t)/π; ν = 2: F(t) = ½ + t / (2√(2 + t²)).
        Assert.Equal(0.5 + (Math.Atan(1.7) / Math.PI), StudentT.Cdf(1.7, 1), 12);
        Assert.Equal(0.5 + (-0.8 / (2 * Math.Sqrt(2 + 0.64))), StudentT.Cdf(-0.8, 2), 12);
        Assert.Equal(0.5, StudentT.Cdf(0, 9), 14);
    }

    [Fact]
    public void Welch_matches_scipy()
    {
        foreach (JsonElement c in Reference.GetProperty("welch").EnumerateArray())
        {
            double[] a = [.. c.GetProperty("a").EnumerateArray().Select(v => v.GetDouble())];
            double[] b = [.. c.GetProperty("b").EnumerateArray().Select(v => v.GetDouble())];
            WelchResult r = WelchTest.Run(a, b)!;
            Assert.Equal(c.GetProperty("t").GetDouble(), r.T, 10);
            Assert.Equal(c.GetProperty("df").GetDouble(), r.DegreesOfFreedom, 9);
            Assert.Equal(c.GetProperty("p").GetDouble(), r.P, 10);
        }
    }

    [Fact]
    public void Welch_matches_the_hand_computed_example()
    {
        // a = 1..4: mean 2.5, s² = 5/3; b = 2,4,..,12: mean 7, s² = 14. sa²/na = 0.41667, sb²/nb = 2.33333, sum 2.75.
        // t = −4.5/√2.75 = −2.71360; ν = 2.75² / (0.41667²/3 + 2.33333²/5) = 7.5625 / 1.14676 = 6.59466.
        WelchResult r = WelchTest.Run([1, 2, 3, 4], [2, 4, 6, 8, 10, 12])!;
        Assert.Equal(-2.71360, r.T, 5);
        Assert.Equal(6.59466, r.DegreesOfFreedom, 4);
        Assert.Null(WelchTest.Run([1], [2, 3]));
        Assert.Null(WelchTest.Run([1, 1], [2, 2]));
    }

    [Fact]
    public void Permutation_p_matches_the_exact_enumeration()
    {
        // {1,2,3} vs {4,5,6}: of the C(6,3) = 20 splits only the two extreme ones reach |Δ| = 3, so exact p = 0.1.
        double p = PermutationTest.TwoSidedP([1, 2, 3], [4, 5, 6], seed: 5)!.Value;
        Assert.InRange(p, 0.09, 0.11);
        Assert.Equal(p, PermutationTest.TwoSidedP([1, 2, 3], [4, 5, 6], seed: 5));
        Assert.Equal(1.0, PermutationTest.TwoSidedP([2, 2], [2, 2], seed: 5));
        Assert.Null(PermutationTest.TwoSidedP([], [1], seed: 5));
    }

    [Fact]
    public void Holm_matches_the_hand_computed_example()
    {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
        IReadOnlyList<double> adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(v => Math.Round(v, 12)));

        // 0.6·2 = 1.2 is capped at 1, and the step-down keeps 0.7·1 from falling below it.
        Assert.Equal([1.0, 1.0], Holm.Adjust([0.7, 0.6]));
    }
}
