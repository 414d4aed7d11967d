using Likeness.Core;

namespace Likeness.Server.Problems;

/// <summary>
/// The RFC 9457 problem type of each <see cref="ErrorKind"/>: a stable type URI built from the kind's code (never
/// renamed), its HTTP status and a short title. Clients branch on <c>type</c> (or the <c>code</c> extension), not
/// on the human <c>detail</c>.
/// </summary>
public static class ProblemTypes
{
    /// <summary>Where problem type URIs live; the path is the error code (<c>…/problems/not-found</c>).</summary>
    public const string Base = "https://likeness.dev/problems/";

    /// <summary>The type of an unexpected failure: the detail says nothing of its cause, the log does.</summary>
    public const string Unexpected = Base + "unexpected";

    /// <summary>
    /// The type of a request the database could not take in time (503, with <c>Retry-After</c>): its connections are all
    /// in use, a lock wait or command timed out, or the server refused more clients. Asking again is safe: a paid call is
    /// claimed per request and never paid twice.
    /// </summary>
    public const string DatabaseBusy = Base + "database-busy";

    /// <summary>The type of a request refused by the rate limit (429, with <c>Retry-After</c>).</summary>
    public const string RateLimited = Base + "rate-limited";

    /// <summary>The type URI of <paramref name="kind"/>.</summary>
    public static string TypeOf(ErrorKind kind) => Base + ErrorCodes.Of(kind);

    /// <summary>The HTTP status of <paramref name="kind"/>.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.RuleViolated => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.InsufficientBudget => StatusCodes.Status402PaymentRequired,
        ErrorKind.ProviderFailed => StatusCodes.Status502BadGateway,
        ErrorKind.ProviderRefused => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.OutcomeUnknown => StatusCodes.Status502BadGateway,
        ErrorKind.InsufficientCredits => StatusCodes.Status402PaymentRequired,
        ErrorKind.QuotaExceeded => StatusCodes.Status429TooManyRequests,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown error kind."),
    };

    /// <summary>A short, fixed title of <paramref name="kind"/>.</summary>
    public static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => "Invalid input",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.RuleViolated => "Rule violated",
        ErrorKind.InsufficientBudget => "Insufficient budget",
        ErrorKind.ProviderFailed => "Provider failed",
        ErrorKind.ProviderRefused => "Provider refused the request",
        ErrorKind.OutcomeUnknown => "Provider outcome unknown",
        ErrorKind.InsufficientCredits => "Insufficient credits",
        ErrorKind.QuotaExceeded => "Quota exceeded",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown error kind."),
    };
}
