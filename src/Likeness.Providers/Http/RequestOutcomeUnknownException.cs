namespace Likeness.Providers.Http;

/// <summary>
/// A request that creates paid work was sent but its answer was lost (connection dropped, timed out). The
/// server may or may not have taken it, so it is not re-sent; the caller decides (and says so to the user).
/// </summary>
public sealed class RequestOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RequestOutcomeUnknownException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RequestOutcomeUnknownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RequestOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
