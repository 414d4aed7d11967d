namespace Likeness.Core.Ratings;

/// <summary>A rater of one session and the seed of the order they see (<see cref="RaterOrder"/>), drawn when they start.</summary>
public sealed class Rater
{
    private Rater()
    {
    }

    /// <summary>Identifier of the row.</summary>
    public Guid Id { get; private set; }

    /// <summary>The session.</summary>
    public Guid SessionId { get; private set; }

    /// <summary>The member's user id or the guest's invite id.</summary>
    public Guid RaterId { get; private set; }

    /// <summary>Member or guest.</summary>
    public RaterKind Kind { get; private set; }

    /// <summary>The seed of this rater's pair order and sides.</summary>
    public int Seed { get; private set; }

    /// <summary>When they started.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Records a rater starting <paramref name="sessionId"/> with <paramref name="seed"/>.</summary>
    public static Rater Create(Guid sessionId, Guid raterId, RaterKind kind, int seed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        DateTimeOffset now = time.GetUtcNow();
        return new Rater { Id = Guid.CreateVersion7(now), SessionId = sessionId, RaterId = raterId, Kind = kind, Seed = seed, StartedAt = now };
    }

    /// <summary>The order this rater sees <paramref name="pairCount"/> pairs in.</summary>
    public RaterOrder Order(int pairCount) => RaterOrder.From(Seed, pairCount);
}
