namespace Likeness.Core.Studies;

/// <summary>The values of <see cref="StudyShotResult.Status"/>.</summary>
public static class StudyStatuses
{
    /// <summary>The shot was made.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The shot failed; see <see cref="StudyShotResult.Error"/>.</summary>
    public const string Failed = "failed";
}
