namespace Likeness.Core.Ratings;

/// <summary>
/// A blind human rating: a fixed set of pairs of shots of the same character (<see cref="RatingPair"/>) that members
/// and invited guests compare on the two questions of <see cref="RatingQuestion"/>.
/// </summary>
public sealed class RatingSession
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 200;

    private RatingSession()
    {
        Name = Source = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The project it belongs to.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>Its name ("spring study, identity").</summary>
    public string Name { get; private set; }

    /// <summary>Where its shots came from ("study:NAME" or "character:NAME"), for the people reading its results.</summary>
    public string Source { get; private set; }

    /// <summary>Who made it; null when made without a signed-in user (the CLI).</summary>
    public Guid? CreatedBy { get; private set; }

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A new session.</summary>
    public static RatingSession Create(Guid projectId, string name, string source, Guid? createdBy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        string label = name?.Trim() ?? string.Empty;
        if (label.Length is 0 or > MaxNameLength)
        {
            throw new InvalidInputException($"A rating session's name has 1 to {MaxNameLength} characters.", "name");
        }

        DateTimeOffset now = time.GetUtcNow();
        return new RatingSession { Id = Guid.CreateVersion7(now), ProjectId = projectId, Name = label, Source = source ?? string.Empty, CreatedBy = createdBy, CreatedAt = now };
    }
}
