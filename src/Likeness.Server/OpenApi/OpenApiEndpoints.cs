using Scalar.AspNetCore;

namespace Likeness.Server.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi), and in Development an interactive
/// page at <c>/scalar/v1</c>. docs/openapi.json is its checked-in baseline; a test compares them.
/// </summary>
internal static class OpenApiEndpoints
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddLikenessOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Likeness";
            document.Info.Description = "Consistent characters across providers. Authenticate with 'Authorization: Bearer lk_…' (a personal API token) or the UI's session cookie.";
            // The listening address changes per start; a baseline must not.
            document.Servers = [];
            return Task.CompletedTask;
        }));

    public static WebApplication MapLikenessOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
        }

        return app;
    }
}
