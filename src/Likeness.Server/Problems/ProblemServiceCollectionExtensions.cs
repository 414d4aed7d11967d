namespace Likeness.Server.Problems;

/// <summary>Registers problem details for every error response, with the request id on each.</summary>
internal static class ProblemServiceCollectionExtensions
{
    public static IServiceCollection AddLikenessProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions["request_id"] = c.HttpContext.TraceIdentifier;
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<LikenessExceptionHandler>();
        return services;
    }
}
