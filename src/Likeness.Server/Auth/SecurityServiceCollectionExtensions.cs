using System.Threading.RateLimiting;
using Likeness.Core.Accounts;
using Likeness.Server.Hosting;
using Likeness.Server.Problems;
using Likeness.Workspace.KeyRing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Auth;

/// <summary>
/// Authentication (bearer tokens, the UI's cookie), a policy per project role (secure by default: an endpoint without
/// one needs a signed-in caller), antiforgery for cookie requests, a rate limit per token, and CORS only when origins
/// are configured.
/// </summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>The data-protection application name every node shares.</summary>
    public const string DataProtectionApplication = "likeness";

    public static IServiceCollection AddLikenessSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptions.Validator>();

        // One key ring for the cluster, in the database, under one application name (the default is the content root,
        // which differs between nodes and would isolate their cookies).
        services.AddDataProtection().SetApplicationName(DataProtectionApplication);
        services.AddOptions<KeyManagementOptions>().Configure<KeyRingStore>((o, store) => o.XmlRepository = new DatabaseXmlRepository(store));

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Bearer token or cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? AuthSchemes.Bearer : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(AuthSchemes.Bearer, null)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "likeness";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                // An API answers with a status, not a redirect to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });

        AuthorizationBuilder authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireAuthenticatedUser().RequireClaim(LikenessClaims.Administrator, "true"));
        foreach ((string name, ProjectRole role) in Policies.Roles)
        {
            authorization.AddPolicy(name, p => p.RequireAuthenticatedUser().AddRequirements(new ProjectRoleRequirement(role)));
        }

        services.AddSingleton<IAuthorizationHandler, ProjectRoleHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProjectAuthorizationResultHandler>();
        services.AddAntiforgery(o => o.HeaderName = AuthSchemes.AntiforgeryHeader);

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PartitionOf);
            o.OnRejected = RejectedAsync;
        });

        // Without configured origins there is no policy, and the CORS middleware adds no header: closed.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ServerOptions>>((cors, server) =>
        {
            if (server.Value.CorsOrigins.Count > 0)
            {
                cors.AddDefaultPolicy(p => p.WithOrigins([.. server.Value.CorsOrigins]).AllowAnyHeader().AllowAnyMethod().AllowCredentials());
            }
        });
        return services;
    }

    public static WebApplication UseLikenessSecurity(this WebApplication app)
    {
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CookieAntiforgeryMiddleware>();
        return app;
    }

    // One bucket per token; a signed-in browser per user; anonymous callers per address. Health probes are not limited.
    private static RateLimitPartition<string> PartitionOf(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            return RateLimitPartition.GetNoLimiter("health");
        }

        string key = context.User.FindFirst(LikenessClaims.TokenId)?.Value is { } token ? "token:" + token
            : context.User.UserIdOrNull() is { } user ? "user:" + user
            : "address:" + context.Connection.RemoteIpAddress;
        ServerOptions options = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.RateLimitBurst,
            TokensPerPeriod = options.RateLimitPermits,
            ReplenishmentPeriod = options.RateLimitPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        HttpContext context = rejected.HttpContext;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails
        {
            Type = ProblemTypes.RateLimited,
            Title = "Too many requests",
            Status = StatusCodes.Status429TooManyRequests,
            Detail = "This token made more requests than its rate limit allows; retry after the Retry-After seconds.",
        };
        problem.Extensions["code"] = "rate-limited";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
    }
}
