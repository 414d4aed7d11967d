namespace Likeness.Core.Ratings.Analysis;

/// <summary>A pair's verdict on one question from its raters' votes.</summary>
public static class Majority
{
    /// <summary>
    /// The answer with more votes than each of the other two (a strict plurality), or null when there is none (a tie, or
    /// no votes). "Cannot tell" can be the majority: it means the raters saw no difference, which is then no winner.
    /// </summary>
    public static RatingAnswer? Of(IEnumerable<RatingAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        int first = 0, second = 0, cannotTell = 0;
        foreach (RatingAnswer answer in answers)
        {
            switch (answer)
            {
                case RatingAnswer.First: first++; break;
                case RatingAnswer.Second: second++; break;
                default: cannotTell++; break;
            }
        }

        if (first > second && first > cannotTell)
        {
            return RatingAnswer.First;
        }

        if (second > first && second > cannotTell)
        {
            return RatingAnswer.Second;
        }

        return cannotTell > first && cannotTell > second ? RatingAnswer.CannotTell : null;
    }
}
