namespace Likeness.Core.Ratings.Analysis;

/// <summary>
/// The statistics of a blind rating. The unit is the pair, not the vote: each pair's verdict per question is its
/// raters' majority (<see cref="Majority"/>), as evaluation.md's human check prescribes ("3 raters, majority vote"),
/// because votes on one pair are not independent trials and counting them would narrow the intervals falsely.
/// Pairs without a winner (a tie, or a "cannot tell" majority) are excluded from the win rates and counted beside them:
/// splitting them as half-wins would pull every provider towards 50 % and make the Wilson count fractional.
/// </summary>
public static class RatingAnalyzer
{
    private static readonly RatingQuestion[] QuestionsInOrder = [RatingQuestion.Identity, RatingQuestion.Prompt];

    /// <summary>Analyses <paramref name="pairs"/>.</summary>
    public static RatingResults Analyze(IReadOnlyList<RatedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        QuestionSummary[] questions = [.. QuestionsInOrder.Select(q => Summarize(pairs, q))];
        return new RatingResults(questions, AutomaticAgreement(pairs));
    }

    private static QuestionSummary Summarize(IReadOnlyList<RatedPair> pairs, RatingQuestion question)
    {
        var records = new Dictionary<string, (int Wins, int Losses, int Undecided)>(StringComparer.Ordinal);
        var units = new List<IReadOnlyList<int>>();
        var raters = new HashSet<Guid>();
        int voted = 0, votes = 0, decided = 0;
        foreach (RatedPair pair in pairs)
        {
            RatingAnswer[] answers = [.. pair.Votes.Where(v => v.Question == question).Select(v => v.Answer)];
            raters.UnionWith(pair.Votes.Where(v => v.Question == question).Select(v => v.RaterId));
            if (answers.Length == 0)
            {
                continue;
            }

            voted++;
            votes += answers.Length;
            units.Add([.. answers.Select(a => (int)a)]);
            RatingAnswer? verdict = Majority.Of(answers);
            bool firstWon = verdict == RatingAnswer.First, secondWon = verdict == RatingAnswer.Second;
            if (firstWon || secondWon)
            {
                decided++;
            }

            Tally(records, pair.FirstArm, firstWon, secondWon);
            Tally(records, pair.SecondArm, secondWon, firstWon);
        }

        ArmWinRate[] rates = [.. records
            .Select(r => new { r.Key, Rate = ProportionSummary.Of(r.Value.Wins, r.Value.Wins + r.Value.Losses), r.Value })
            .Select(r => new ArmWinRate(r.Key, r.Value.Wins, r.Value.Losses, r.Value.Undecided, r.Rate.Rate, r.Rate.WilsonCi95))
            .OrderByDescending(r => r.Rate ?? -1).ThenBy(r => r.Arm, StringComparer.Ordinal)];
        return new QuestionSummary(
            question, voted, votes, raters.Count, decided, voted - decided, rates, KrippendorffAlpha.Nominal(units), Kappa(units));
    }

    private static void Tally(Dictionary<string, (int Wins, int Losses, int Undecided)> records, string arm, bool won, bool lost)
    {
        (int wins, int losses, int undecided) = records.GetValueOrDefault(arm);
        records[arm] = (wins + (won ? 1 : 0), losses + (lost ? 1 : 0), undecided + (won || lost ? 0 : 1));
    }

    private static double? Kappa(List<IReadOnlyList<int>> units)
    {
        int categories = Enum.GetValues<RatingAnswer>().Length;
        IReadOnlyList<int>[] counts = [.. units.Select(u =>
        {
            int[] row = new int[categories];
            foreach (int answer in u)
            {
                row[answer]++;
            }

            return (IReadOnlyList<int>)row;
        })];
        return FleissKappa.Of(counts);
    }

    /// <summary>
    /// Over pairs whose identity majority chose a shot and whose shots both have a face distance (and differ), the share
    /// where the smaller distance (the automatic score's pick) is the majority's choice.
    /// </summary>
    private static ProportionSummary AutomaticAgreement(IReadOnlyList<RatedPair> pairs)
    {
        int agreements = 0, trials = 0;
        foreach (RatedPair pair in pairs)
        {
            if (pair.FirstFaceDistance is not { } first || pair.SecondFaceDistance is not { } second || first == second)
            {
                continue;
            }

            RatingAnswer? verdict = Majority.Of(pair.Votes.Where(v => v.Question == RatingQuestion.Identity).Select(v => v.Answer));
            if (verdict is not (RatingAnswer.First or RatingAnswer.Second))
            {
                continue;
            }

            trials++;
            RatingAnswer automatic = first < second ? RatingAnswer.First : RatingAnswer.Second;
            agreements += automatic == verdict ? 1 : 0;
        }

        return ProportionSummary.Of(agreements, trials);
    }
}
