namespace Likeness.Core.Ratings;

/// <summary>
/// A guest's link to one session: its secret is shown once; only the secret's SHA-256 is stored. A guest with it can
/// see and vote on that session only, until it expires or is revoked. Each invite is one guest rater.
/// </summary>
public sealed class RatingInvite
{
    /// <summary>Longest label accepted.</summary>
    public const int MaxLabelLength = 100;

    /// <summary>Longest life of a link.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(90);

    private RatingInvite()
    {
        Label = Hash = string.Empty;
    }

    /// <summary>Identifier; also the guest's rater id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The session it opens.</summary>
    public Guid SessionId { get; private set; }

    /// <summary>Who it is for ("panel 3"), for the people managing the session.</summary>
    public string Label { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string Hash { get; private set; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it stops working.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When it was revoked; null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>An invite to <paramref name="sessionId"/> whose secret hashes to <paramref name="hash"/>, valid for <paramref name="lifetime"/>.</summary>
    public static RatingInvite Create(Guid sessionId, string label, string hash, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        string text = label?.Trim() ?? string.Empty;
        if (text.Length is 0 or > MaxLabelLength)
        {
            throw new InvalidInputException($"An invite's label has 1 to {MaxLabelLength} characters.", "label");
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new InvalidInputException($"An invite lasts more than no time and at most {MaxLifetime.TotalDays:0} days.", "expires");
        }

        DateTimeOffset now = time.GetUtcNow();
        return new RatingInvite { Id = Guid.CreateVersion7(now), SessionId = sessionId, Label = text, Hash = hash, CreatedAt = now, ExpiresAt = now + lifetime };
    }

    /// <summary>True while it opens its session at <paramref name="now"/>.</summary>
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>Stops it working (again is a no-op).</summary>
    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
