namespace Likeness.Core.Shots;

/// <summary>
/// A person's judgement of a shot (accepted or rejected by hand in the gallery), kept beside the gate's automatic
/// verdict rather than replacing it, so the two can be compared.
/// </summary>
/// <param name="Accepted">Whether the reviewer accepted the shot.</param>
/// <param name="ReviewerId">Who judged it.</param>
/// <param name="ReviewerName">Their name when they judged it.</param>
/// <param name="At">When.</param>
public sealed record ShotReview(bool Accepted, Guid ReviewerId, string ReviewerName, DateTimeOffset At);
