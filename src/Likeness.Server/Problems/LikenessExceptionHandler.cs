using Likeness.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Likeness.Server.Problems;

/// <summary>
/// Turns what a request threw into a problem details response: a <see cref="LikenessException"/> by its kind (with
/// its code and data as extensions), malformed requests as 400 <c>invalid-input</c>, anything else as a 500 whose
/// detail says nothing of the cause (logged with the request id instead).
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
    private static partial void UnexpectedFailure(ILogger logger, string requestId, Exception exception);
}
