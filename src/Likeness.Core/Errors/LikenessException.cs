namespace Likeness.Core;

/// <summary>
/// A failure the domain or the application expects and names: its <see cref="Kind"/> (and stable
/// <see cref="Code"/>) says what went wrong, its properties carry the data, and its message is one sentence for
/// the person who asked, with no front-end text (no command lines, no URLs of this application): the CLI adds
/// hints from the kind and data, a server maps the kind to its problem types.
/// </summary>
public abstract class LikenessException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected LikenessException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>What kind of failure this is.</summary>
    public abstract ErrorKind Kind { get; }

    /// <summary>The stable code of <see cref="Kind"/>, e.g. <c>not-found</c>.</summary>
    public string Code => ErrorCodes.Of(Kind);

    /// <summary>The name of the character the failure concerns, when there is one.</summary>
    public string? Character { get; init; }
}
