using System.Security.Cryptography;
using System.Text;
using Likeness.Server.Auth;
using Likeness.Server.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Likeness.Server.Operations.Metrics;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format (OpenTelemetry's exporter): the business metrics, ASP.NET Core's request
/// durations and Kestrel's connections. Only server administrators, or a scraper sending
/// <c>Authorization: Bearer</c> with <c>Likeness:Server:MetricsToken</c>, may read it.
/// </summary>
internal static class MetricsRegistration
{
    /// <summary>The policy that guards the endpoint.</summary>
    public const string Policy = "metrics";

    public static IServiceCollection AddLikenessMetrics(this IServiceCollection services)
    {
        services.AddSingleton<LikenessMetrics>();
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(LikenessMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAssertion(MayScrape));
        return services;
    }

    public static WebApplication MapLikenessMetrics(this WebApplication app)
    {
        // Made now, so its instruments exist before the first scrape.
        _ = app.Services.GetRequiredService<LikenessMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policy);
        return app;
    }

    private static bool MayScrape(AuthorizationHandlerContext context)
    {
        if (context.User.HasClaim(LikenessClaims.Administrator, "true"))
        {
            return true;
        }

        if (context.Resource is not HttpContext http
            || http.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.MetricsToken is not { Length: > 0 } expected)
        {
            return false;
        }

        string header = http.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }
}
