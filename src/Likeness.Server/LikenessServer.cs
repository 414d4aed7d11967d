using Likeness.Server.Characters;
using Likeness.Server.Health;
using Likeness.Server.Hosting;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Server.Webhooks;
using Likeness.Server.Problems;
using Likeness.Workspace.Composition;

namespace Likeness.Server;

/// <summary>
/// The Likeness HTTP server: the workspace and every provider composed as the CLI composes them
/// (<see cref="LikenessServiceCollectionExtensions.AddLikeness(IServiceCollection, IConfiguration)"/>), minimal APIs
/// grouped per resource, errors as RFC 9457 problem details. Configuration: the <c>Likeness</c> section
/// (appsettings, <c>Likeness__Home</c>-style variables) over the same <c>LIKENESS_*</c> variables the CLI reads.
/// </summary>
public static class LikenessServer
{
    /// <summary>Builds the server's application; <paramref name="configure"/> may add or replace services (tests, hosts).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            // Lowest precedence: appsettings, environment (Likeness__*) and the command line override these.
            InitialData = EnvironmentSettings.Read(builder.Configuration[$"{Workspace.WorkspaceOptions.Section}:Home"]),
        });
        builder.Services.AddLikeness(builder.Configuration).AddProvidersFromEnvironment();
        builder.Services.AddHostedService<SchemaStartup>();
        builder.Services.AddLikenessJobScheduler(builder.Configuration);
        builder.Services.AddLikenessWebhooks();
        builder.Services.AddLikenessProblems();
        builder.Services.AddLikenessHealthChecks();
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapLikenessHealthChecks();
        app.MapCharacters();
        app.MapJobs();
        app.MapWebhooks();
        return app;
    }

    /// <summary>Builds and runs the server until it is stopped (Ctrl+C, SIGTERM).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        await using WebApplication app = Build(args);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
