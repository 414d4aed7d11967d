using Likeness.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Likeness.Server.Problems;

/// <summary>
/// Turns what a request threw into a problem details response: a <see cref="LikenessException"/> by its kind (with
/// its code and data as extensions), malformed requests as 400 <c>invalid-input</c>, a database too busy to answer in
/// time as 503 <c>database-busy</c> with <c>Retry-After</c>, anything else as a 500 whose detail says nothing of the
/// cause (logged with the request id instead).
/// </summary>
internal sealed partial class LikenessExceptionHandler(IProblemDetailsService problems, ILogger<LikenessExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            LikenessException e => FromDomain(e),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } e => Invalid(JsonProblem.Describe(json), FieldOf(json), e.StatusCode),
            BadHttpRequestException e => Invalid(e.Message, null, e.StatusCode),
            ArgumentException e when e is not ArgumentNullException => Invalid(e.Message, e.ParamName, StatusCodes.Status400BadRequest),
            System.Text.Json.JsonException e => Invalid(JsonProblem.Describe(e), FieldOf(e), StatusCodes.Status400BadRequest),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => Aborted(),
            _ when IsTransientDatabaseFailure(exception) => Busy(httpContext, exception),
            _ => Unexpected(httpContext, exception),
        };
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    /// <summary>The problem a domain error is answered with (also a failed job's recorded error).</summary>
    internal static ProblemDetails FromDomain(LikenessException error)
    {
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.TypeOf(error.Kind),
            Title = ProblemTypes.TitleOf(error.Kind),
            Status = ProblemTypes.StatusOf(error.Kind),
            Detail = error.Message,
        };
        problem.Extensions["code"] = error.Code;
        switch (error)
        {
            case InvalidInputException { Field: { } field }:
                problem.Extensions["field"] = field;
                break;
            case NotFoundException notFound:
                problem.Extensions["entity"] = notFound.Entity.ToString().ToLowerInvariant();
                break;
            case RuleViolationException { Rule: { } rule }:
                problem.Extensions["rule"] = rule;
                break;
            case InsufficientBudgetException budget:
                problem.Extensions["requested_usd"] = budget.RequestedUsd;
                problem.Extensions["available_usd"] = budget.AvailableUsd;
                break;
            case InsufficientCreditsException credits:
                problem.Extensions["requested_usd"] = credits.RequestedUsd;
                problem.Extensions["available_usd"] = credits.AvailableUsd;
                break;
            case QuotaExceededException quota:
                problem.Extensions["quota"] = quota.Quota;
                problem.Extensions["limit"] = quota.Limit;
                break;
        }

        return problem;
    }

    private static ProblemDetails Invalid(string detail, string? field, int status)
    {
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.TypeOf(ErrorKind.InvalidInput),
            Title = ProblemTypes.TitleOf(ErrorKind.InvalidInput),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = ErrorCodes.Of(ErrorKind.InvalidInput);
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }

    // "$.budgetUsd" names the field "budgetUsd"; "$.profile.style" names "profile.style".
    private static string? FieldOf(System.Text.Json.JsonException e) => e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;

    // The client went away: nobody reads this, and it is not a server fault.
    private static ProblemDetails Aborted() => new() { Status = 499, Title = "Client closed the request" };

    // The driver says whether asking again may work (pool exhausted, timeouts, too many clients, SQLite busy), also when
    // EF Core wrapped its exception.
    private static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    // Overload, not a fault: said as such, with when to ask again (safe: paid calls are claimed per request).
    private ProblemDetails Busy(HttpContext context, Exception exception)
    {
        DatabaseBusyLog(log, context.TraceIdentifier, exception.GetBaseException().Message);
        context.Response.Headers.RetryAfter = "1";
        return new ProblemDetails
        {
            Type = ProblemTypes.DatabaseBusy,
            Title = "Database busy",
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = $"The database was too busy to finish request {context.TraceIdentifier} in time. Try again shortly.",
        };
    }

    private ProblemDetails Unexpected(HttpContext context, Exception exception)
    {
        UnexpectedFailure(log, context.TraceIdentifier, exception);
        return new ProblemDetails
        {
            Type = ProblemTypes.Unexpected,
            Title = "Unexpected server error",
            Status = StatusCodes.Status500InternalServerError,
            Detail = $"The server failed unexpectedly; quote request {context.TraceIdentifier} to its operators.",
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} refused: the database is busy ({Reason})")]
    private static partial void DatabaseBusyLog(ILogger logger, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
    private static partial void UnexpectedFailure(ILogger logger, string requestId, Exception exception);
}
