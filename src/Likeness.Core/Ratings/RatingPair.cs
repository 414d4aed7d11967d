namespace Likeness.Core.Ratings;

/// <summary>
/// Two shots of the same character in the same cell (scenario, or prompt when there is none) from two arms (providers).
/// The arms and face distances are copied at creation so the results stay as rated even if a shot is re-scored later.
/// </summary>
public sealed class RatingPair
{
    private RatingPair()
    {
        Cell = Prompt = FirstArm = SecondArm = string.Empty;
    }

    /// <summary>Identifier, the only name a rater ever sees for it.</summary>
    public Guid Id { get; private set; }

    /// <summary>The session.</summary>
    public Guid SessionId { get; private set; }

    /// <summary>Its place in the session (0-based).</summary>
    public int Ordinal { get; private set; }

    /// <summary>The character both shots show.</summary>
    public Guid CharacterId { get; private set; }

    /// <summary>The scenario both shots were made for, or their shared prompt.</summary>
    public string Cell { get; private set; }

    /// <summary>The prompt shown with the prompt question.</summary>
    public string Prompt { get; private set; }

    /// <summary>The first shot.</summary>
    public Guid FirstShotId { get; private set; }

    /// <summary>The second shot.</summary>
    public Guid SecondShotId { get; private set; }

    /// <summary>The first shot's provider (never shown to raters).</summary>
    public string FirstArm { get; private set; }

    /// <summary>The second shot's provider (never shown to raters).</summary>
    public string SecondArm { get; private set; }

    /// <summary>The first shot's mean face distance when the pair was made.</summary>
    public double? FirstFaceDistance { get; private set; }

    /// <summary>The second shot's.</summary>
    public double? SecondFaceDistance { get; private set; }

    /// <summary>A pair of <paramref name="planned"/>'s two shots in <paramref name="sessionId"/>.</summary>
    public static RatingPair Create(Guid sessionId, int ordinal, PlannedPair planned, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(time);
        return new RatingPair
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            SessionId = sessionId,
            Ordinal = ordinal,
            CharacterId = planned.First.CharacterId,
            Cell = planned.First.Cell,
            Prompt = planned.First.Prompt,
            FirstShotId = planned.First.ShotId,
            SecondShotId = planned.Second.ShotId,
            FirstArm = planned.First.Arm,
            SecondArm = planned.Second.Arm,
            FirstFaceDistance = planned.First.FaceDistance,
            SecondFaceDistance = planned.Second.FaceDistance,
        };
    }
}
