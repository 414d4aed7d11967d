namespace Likeness.Core.Studies;

/// <summary>The values of <see cref="StudyShotResult.Status"/>.</summary>
public static class StudyStatuses
{
    /// <summary>The shot was made.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The provider's moderation filtered the shot: paid, kept, no identity verdict.</summary>
    public const string Moderated = "moderated";

    /// <summary>The shot failed; see <see cref="StudyShotResult.Error"/>.</summary>
    public const string Failed = "failed";
}
