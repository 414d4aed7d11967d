namespace Likeness.Core;

/// <summary>A paid call refused because a quota of the caller's role is used up; it may be asked again later.</summary>
public sealed class QuotaExceededException(string quota, int limit, string message) : LikenessException(message)
{
    /// <summary>The quota's name: <c>generations-per-day</c> or <c>concurrent-jobs</c>.</summary>
    public string Quota { get; } = quota;

    /// <summary>The role's limit.</summary>
    public int Limit { get; } = limit;

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.QuotaExceeded;
}
