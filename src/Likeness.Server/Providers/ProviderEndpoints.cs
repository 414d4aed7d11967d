using Likeness.Core.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Providers;

/// <summary><c>/api/providers</c>: every provider the server knows, for any signed-in caller.</summary>
internal static class ProviderEndpoints
{
    public static IEndpointRouteBuilder MapProviders(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/providers").WithTags("Providers");
        group.MapGet("/", List).WithName("ListProviders");
        group.MapGet("/{provider}", Get).WithName("GetProvider");
        return app;
    }

    private static Ok<ProviderResponse[]> List(ProviderRegistry providers) =>
        TypedResults.Ok(providers.Descriptors.Select(ProviderResponse.From).ToArray());

    // An unknown name is the registry's NotFoundException, a 404 problem.
    private static Ok<ProviderResponse> Get(string provider, ProviderRegistry providers) => TypedResults.Ok(ProviderResponse.From(providers.Describe(provider)));
}
