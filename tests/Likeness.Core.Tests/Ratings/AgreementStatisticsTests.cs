using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;

namespace Likeness.Core.Tests.Ratings;

public class AgreementStatisticsTests
{
    [Fact]
    public void Fleiss_kappa_matches_the_published_example()
    {
        // Fleiss (1971) as reproduced on Wikipedia's "Fleiss' kappa": 10 subjects, 14 raters, 5 categories, κ = 0.210.
        int[][] counts =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];
        Assert.Equal(0.210, FleissKappa.Of(counts)!.Value, 3);
    }

    [Fact]
    public void Fleiss_kappa_is_undefined_when_subjects_have_different_numbers_of_raters_or_no_variation()
    {
        Assert.Null(FleissKappa.Of([[2, 1, 0], [1, 1, 0]]));
        Assert.Null(FleissKappa.Of([[3, 0, 0], [3, 0, 0]]));
        Assert.Null(FleissKappa.Of([[1, 0, 0]]));
        Assert.Null(FleissKappa.Of([]));
    }

    [Fact]
    public void Krippendorff_alpha_matches_the_published_example_with_missing_values()
    {
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the nominal example: 4 observers, 12 units,
        // missing values; the last unit has one value and is not pairable. α(nominal) = 0.743.
        int?[] a = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
        int?[] b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
        int?[] c = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
        int?[] d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
        IReadOnlyList<int>[] units = [.. Enumerable.Range(0, 12).Select(u =>
            (IReadOnlyList<int>)new[] { a[u], b[u], c[u], d[u] }.Where(v => v is not null).Select(v => v!.Value).ToArray())];
        Assert.Equal(0.743, KrippendorffAlpha.Nominal(units)!.Value, 3);
    }

    [Fact]
    public void Krippendorff_alpha_is_one_for_perfect_agreement_and_undefined_without_variation()
    {
        Assert.Equal(1.0, KrippendorffAlpha.Nominal([[0, 0], [1, 1, 1], [2, 2]])!.Value, 12);
        Assert.Null(KrippendorffAlpha.Nominal([[0, 0], [0, 0, 0]]));
        Assert.Null(KrippendorffAlpha.Nominal([[0], [1]]));
    }

    [Fact]
    public void Majority_needs_more_votes_than_each_other_answer()
    {
        Assert.Equal(RatingAnswer.First, RatingAnswerOf("FFS"));
        Assert.Equal(RatingAnswer.Second, RatingAnswerOf("SSC"));
        Assert.Equal(RatingAnswer.CannotTell, RatingAnswerOf("CCF"));
        Assert.Null(RatingAnswerOf("FSC"));
        Assert.Null(RatingAnswerOf("FFCC"));
        Assert.Null(RatingAnswerOf(""));
    }

    private static RatingAnswer? RatingAnswerOf(string votes) =>
        Majority.Of(votes.Select(v => v switch
        {
            'F' => RatingAnswer.First,
            'S' => RatingAnswer.Second,
            _ => RatingAnswer.CannotTell,
        }));
}
