namespace Likeness.Core.Ratings;

/// <summary>One rater's answer to one question on one pair; voting again replaces the answer.</summary>
public sealed class RatingVote
{
    private RatingVote()
    {
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The session.</summary>
    public Guid SessionId { get; private set; }

    /// <summary>The pair.</summary>
    public Guid PairId { get; private set; }

    /// <summary>The rater (user id or invite id).</summary>
    public Guid RaterId { get; private set; }

    /// <summary>The question.</summary>
    public RatingQuestion Question { get; private set; }

    /// <summary>The answer, relative to the pair's order.</summary>
    public RatingAnswer Answer { get; private set; }

    /// <summary>When it was last given.</summary>
    public DateTimeOffset VotedAt { get; private set; }

    /// <summary>A vote.</summary>
    public static RatingVote Create(Guid sessionId, Guid pairId, Guid raterId, RatingQuestion question, RatingAnswer answer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Check(question, answer);
        DateTimeOffset now = time.GetUtcNow();
        return new RatingVote { Id = Guid.CreateVersion7(now), SessionId = sessionId, PairId = pairId, RaterId = raterId, Question = question, Answer = answer, VotedAt = now };
    }

    /// <summary>Replaces the answer.</summary>
    public void Change(RatingAnswer answer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Check(Question, answer);
        Answer = answer;
        VotedAt = time.GetUtcNow();
    }

    private static void Check(RatingQuestion question, RatingAnswer answer)
    {
        if (!Enum.IsDefined(question) || !Enum.IsDefined(answer))
        {
            throw new InvalidInputException("A vote answers the identity or prompt question with first, second or cannot-tell.", "answer");
        }
    }
}
