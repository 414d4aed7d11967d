namespace Likeness.Server.Health;

/// <summary>Health checks: <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database, the asset store, the job scheduler and the models do).</summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddLikenessHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<AssetStoreHealthCheck>("assets", tags: ["ready"])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"])
            .AddCheck<ModelsHealthCheck>("models", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapLikenessHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
