namespace Likeness.Media.Decoding;

/// <summary>A file that cannot be used as a video, with the reason; bad input, never a crash.</summary>
public sealed class InvalidVideoException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidVideoException(VideoProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    /// <summary>What is wrong with the file.</summary>
    public VideoProblem Problem { get; }
}
