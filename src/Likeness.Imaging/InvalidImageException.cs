namespace Likeness.Imaging;

/// <summary>Why an image was refused.</summary>
public enum InvalidImageReason
{
    /// <summary>The bytes are not a valid file of the format they claim to be.</summary>
    Corrupt,

    /// <summary>The format, or a feature of it, is recognised but not supported.</summary>
    Unsupported,

    /// <summary>The image exceeds the configured <see cref="ImageLimits"/>.</summary>
    LimitExceeded,

    /// <summary>The data ends before any pixel could be decoded.</summary>
    Truncated,
}

/// <summary>
/// The one exception type the imaging library throws for bad input. Its message is meant for the person who
/// supplied the file (it never contains a stack-trace-worthy internal detail), so callers can show it as is.
/// </summary>
public sealed class InvalidImageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidImageException(InvalidImageReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the image was refused.</summary>
    public InvalidImageReason Reason { get; }

    internal static InvalidImageException Corrupt(string message) => new(InvalidImageReason.Corrupt, message);

    internal static InvalidImageException Unsupported(string message) => new(InvalidImageReason.Unsupported, message);

    internal static InvalidImageException Truncated(string message) => new(InvalidImageReason.Truncated, message);
}
