using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;

namespace Likeness.Core.Tests.Ratings;

public class RatingAnalyzerTests
{
    private static readonly Guid R1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid R2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid R3 = Guid.Parse("00000000-0000-0000-0000-000000000003");

    /// <summary>
    /// Three pairs, three raters, identity question only:
    /// 1. alpha vs beta, votes F F S: alpha wins; distances 0.30 vs 0.50, the automatic pick (alpha) agrees.
    /// 2. alpha vs beta, votes S S C: beta wins; distances 0.40 vs 0.45, the automatic pick (alpha) disagrees.
    /// 3. alpha vs gamma, votes F C S: no majority (undecided), so no automatic trial.
    /// </summary>
    private static RatedPair[] Example() =>
    [
        Pair("alpha", "beta", 0.30, 0.50, RatingAnswer.First, RatingAnswer.First, RatingAnswer.Second),
        Pair("alpha", "beta", 0.40, 0.45, RatingAnswer.Second, RatingAnswer.Second, RatingAnswer.CannotTell),
        Pair("alpha", "gamma", 0.20, 0.60, RatingAnswer.First, RatingAnswer.CannotTell, RatingAnswer.Second),
    ];

    [Fact]
    public void Win_rates_count_majority_verdicts_per_pair_and_exclude_undecided_pairs()
    {
        QuestionSummary identity = RatingAnalyzer.Analyze(Example()).Questions[0];
        Assert.Equal(RatingQuestion.Identity, identity.Question);
        Assert.Equal((3, 9, 3, 2, 1), (identity.Pairs, identity.Votes, identity.Raters, identity.Decided, identity.Undecided));

        ArmWinRate alpha = identity.WinRates.Single(r => r.Arm == "alpha");
        Assert.Equal((1, 1, 1), (alpha.Wins, alpha.Losses, alpha.Undecided));
        Assert.Equal(0.5, alpha.Rate);

        // Wilson for 1 of 2: (0.5 + z²/4 ± z·√(0.125 + z²/16)) / (1 + z²/2) = [0.0945, 0.9055].
        Assert.Equal(0.0945, alpha.WilsonCi95!.Low, 4);
        Assert.Equal(0.9055, alpha.WilsonCi95.High, 4);

        ArmWinRate beta = identity.WinRates.Single(r => r.Arm == "beta");
        Assert.Equal((1, 1, 0), (beta.Wins, beta.Losses, beta.Undecided));
        ArmWinRate gamma = identity.WinRates.Single(r => r.Arm == "gamma");
        Assert.Equal((0, 0, 1), (gamma.Wins, gamma.Losses, gamma.Undecided));
        Assert.Null(gamma.Rate);
        Assert.Null(gamma.WilsonCi95);
        Assert.Equal("gamma", identity.WinRates[^1].Arm);
    }

    [Fact]
    public void Agreement_is_computed_over_the_three_answers_as_categories()
    {
        QuestionSummary identity = RatingAnalyzer.Analyze(Example()).Questions[0];

        // Values: First 3, Second 4, CannotTell 2 (n = 9; Σc≠k nc·nk = 81 − 29 = 52). Disagreeing ordered pairs over
        // (m − 1): 4/2 + 4/2 + 6/2 = 7. α = 1 − 8·7/52 = −1/13.
        Assert.Equal(-1.0 / 13, identity.KrippendorffAlpha!.Value, 12);

        // P̄ = (1/3 + 1/3 + 0)/3 = 2/9; P̄e = (9 + 16 + 4)/81 = 29/81; κ = (18/81 − 29/81)/(52/81) = −11/52.
        Assert.Equal(-11.0 / 52, identity.FleissKappa!.Value, 12);
    }

    [Fact]
    public void The_automatic_score_agrees_when_the_smaller_distance_is_the_majoritys_choice()
    {
        ProportionSummary automatic = RatingAnalyzer.Analyze(Example()).AutomaticAgreement;
        Assert.Equal((1, 2, 0.5), (automatic.Successes, automatic.Trials, automatic.Rate!.Value));
        Assert.Equal(0.0945, automatic.WilsonCi95!.Low, 4);
    }

    [Fact]
    public void A_question_without_votes_has_no_rates_and_no_agreement()
    {
        QuestionSummary prompt = RatingAnalyzer.Analyze(Example()).Questions[1];
        Assert.Equal(RatingQuestion.Prompt, prompt.Question);
        Assert.Equal((0, 0, 0), (prompt.Pairs, prompt.Votes, prompt.Raters));
        Assert.Empty(prompt.WinRates);
        Assert.Null(prompt.KrippendorffAlpha);
        Assert.Null(prompt.FleissKappa);
    }

    [Fact]
    public void Kappa_is_left_out_when_pairs_have_different_numbers_of_votes_but_alpha_stays()
    {
        RatedPair[] pairs =
        [
            Pair("alpha", "beta", null, null, RatingAnswer.First, RatingAnswer.First, RatingAnswer.First),
            Pair("alpha", "beta", null, null, RatingAnswer.Second, RatingAnswer.Second),
        ];
        QuestionSummary identity = RatingAnalyzer.Analyze(pairs).Questions[0];
        Assert.Null(identity.FleissKappa);
        Assert.Equal(1.0, identity.KrippendorffAlpha!.Value, 12);
        Assert.Equal(0, RatingAnalyzer.Analyze(pairs).AutomaticAgreement.Trials);
    }

    private static RatedPair Pair(string first, string second, double? firstDistance, double? secondDistance, params RatingAnswer[] answers)
    {
        Guid[] raters = [R1, R2, R3];
        return new RatedPair(
            Guid.NewGuid(), first, second, firstDistance, secondDistance,
            [.. answers.Select((a, i) => new RatingBallot(raters[i], RatingQuestion.Identity, a))]);
    }
}
