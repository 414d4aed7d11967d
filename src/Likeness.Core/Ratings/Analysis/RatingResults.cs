using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Ratings.Analysis;

/// <summary>What a rating session found: one summary per question and the automatic identity score's agreement with people.</summary>
/// <param name="Questions">Identity first, then prompt.</param>
/// <param name="AutomaticAgreement">How often the smaller face distance picked the human majority's identity winner.</param>
public sealed record RatingResults(IReadOnlyList<QuestionSummary> Questions, ProportionSummary AutomaticAgreement);

/// <summary>One question's statistics.</summary>
/// <param name="Question">The question.</param>
/// <param name="Pairs">Pairs with at least one vote on it.</param>
/// <param name="Votes">Votes on it.</param>
/// <param name="Raters">Raters who voted on it.</param>
/// <param name="Decided">Pairs whose majority chose a shot.</param>
/// <param name="Undecided">Pairs with a tied vote or a "cannot tell" majority.</param>
/// <param name="WinRates">Each provider's win rate over its decided pairs, best first.</param>
/// <param name="KrippendorffAlpha">Nominal alpha over pairs with two or more votes (the three answers as categories); null when undefined.</param>
/// <param name="FleissKappa">Fleiss' kappa when every voted pair has the same number (two or more) of votes; null otherwise.</param>
public sealed record QuestionSummary(
    RatingQuestion Question, int Pairs, int Votes, int Raters, int Decided, int Undecided,
    IReadOnlyList<ArmWinRate> WinRates, double? KrippendorffAlpha, double? FleissKappa);

/// <summary>A provider's record over the decided pairs it appeared in.</summary>
/// <param name="Arm">The provider.</param>
/// <param name="Wins">Pairs the majority gave it.</param>
/// <param name="Losses">Pairs the majority gave the other provider.</param>
/// <param name="Undecided">Its pairs without a winner (excluded from the rate, counted here).</param>
/// <param name="Rate">Wins / (wins + losses); null without a decided pair.</param>
/// <param name="WilsonCi95">The Wilson 95 % interval of the rate.</param>
public sealed record ArmWinRate(string Arm, int Wins, int Losses, int Undecided, double? Rate, Interval? WilsonCi95);

/// <summary>A proportion with its Wilson 95 % interval.</summary>
/// <param name="Successes">Successes.</param>
/// <param name="Trials">Trials.</param>
/// <param name="Rate">Successes / trials; null without trials.</param>
/// <param name="WilsonCi95">The Wilson 95 % interval.</param>
public sealed record ProportionSummary(int Successes, int Trials, double? Rate, Interval? WilsonCi95)
{
    /// <summary>The proportion of <paramref name="successes"/> in <paramref name="trials"/>.</summary>
    public static ProportionSummary Of(int successes, int trials) =>
        new(successes, trials, trials == 0 ? null : successes / (double)trials, Wilson.Interval(successes, trials));
}
