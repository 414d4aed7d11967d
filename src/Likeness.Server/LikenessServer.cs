using Likeness.Server.Accounts;
using Likeness.Server.Auth;
using Likeness.Server.Calibrations;
using Likeness.Server.Characters;
using Likeness.Server.Costs;
using Likeness.Server.Credits;
using Likeness.Server.Health;
using Likeness.Server.Hosting;
using Likeness.Server.Identities;
using Likeness.Server.Images;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Server.Members;
using Likeness.Server.OpenApi;
using Likeness.Server.Operations.Doctor;
using Likeness.Server.Operations.Metrics;
using Likeness.Server.Operations.Retention;
using Likeness.Server.Pins;
using Likeness.Server.Videos;
using Likeness.Server.Problems;
using Likeness.Server.Projects;
using Likeness.Server.Providers;
using Likeness.Server.Ratings;
using Likeness.Server.References;
using Likeness.Server.Routing;
using Likeness.Server.Session;
using Likeness.Server.Shots;
using Likeness.Server.Studies;
using Likeness.Server.Ui;
using Likeness.Server.Users;
using Likeness.Server.Webhooks;
using Likeness.Workspace.Composition;

namespace Likeness.Server;

/// <summary>
/// The Likeness HTTP server: the workspace and every provider composed as the CLI composes them
/// (<see cref="LikenessServiceCollectionExtensions.AddLikeness(IServiceCollection, IConfiguration)"/>), minimal APIs
/// grouped per resource, errors as RFC 9457 problem details. Configuration: the <c>Likeness</c> section
/// (appsettings, <c>Likeness__Home</c>-style variables) over the same <c>LIKENESS_*</c> variables the CLI reads.
/// Every route needs a signed-in caller (bearer token or cookie) unless it says otherwise; project routes live under
/// <c>/api/projects/{project}</c> and need a membership with the role the route names. Background jobs (trainings, batches, videos, studies) run
/// on Quartz over the same database; fal's completion webhooks arrive at <c>/webhooks/fal</c>.
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
            InitialData = EnvironmentSettings.Read(builder.Configuration[$"{Workspace.WorkspaceOptions.Section}:Home"])
                // Console log lines carry their scopes, among them ASP.NET Core's RequestId: a problem's request_id.
                .Append(new("Logging:Console:FormatterOptions:IncludeScopes", "true")),
        });
        builder.Services.AddLikeness(builder.Configuration).AddProvidersFromEnvironment();
        // Hosted services start in order: the schema first, then the first owner (who needs the tables).
        builder.Services.AddHostedService<SchemaStartup>();
        builder.Services.AddHostedService<FirstOwnerStartup>();
        builder.Services.AddSingleton(new FirstOwnerConsole(Console.Out));
        // Then the doctor settles what a stopped process left, before the scheduler takes jobs.
        builder.Services.AddLikenessDoctor();
        builder.Services.AddLikenessRetention(builder.Configuration);
        builder.Services.AddLikenessJobScheduler(builder.Configuration);
        builder.Services.AddLikenessWebhooks();
        builder.Services.AddLikenessProblems();
        builder.Services.AddLikenessHealthChecks();
        builder.Services.AddLikenessMetrics();
        builder.Services.AddLikenessSecurity(builder.Configuration);
        builder.Services.AddLikenessOpenApi();
        builder.Services.AddLikenessCredits(builder.Configuration);
        builder.Services.AddLikenessUi();
        // Image routes answer ?w= with a thumbnail, made once per image and width.
        builder.Services.AddSingleton<ImageThumbnails>();
        // Malformed requests throw, so the exception handler answers them as problems naming the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseLikenessSecurity();
        app.MapLikenessHealthChecks();
        app.MapLikenessMetrics();
        app.MapLikenessOpenApi();
        app.MapSession();
        app.MapMe();
        app.MapUsers();
        app.MapProviders();
        app.MapProjects();
        app.MapGroup("/api/projects/{" + ProjectAccess.RouteKey + ":guid}").RequireAuthorization(Policies.Viewer)
            .MapProject()
            .MapMembers()
            .MapCharacters()
            .MapCalibrations()
            .MapReferences()
            .MapIdentities()
            .MapRoutes()
            .MapJobs()
            .MapShots()
            .MapPins()
            .MapVideos()
            .MapStudies()
            .MapCosts()
            .MapCredits()
            .MapAlertsAndAudit()
            .MapRatings();
        // Outside the project group and anonymous: a guest rater's invite header is checked instead (its own session only).
        app.MapGuestRating();
        // Outside the project group and anonymous: fal signs its deliveries, and the signature is checked instead.
        app.MapWebhooks();
        // The admin web UI (/ui): server-rendered pages over the API above.
        app.MapLikenessUi();
        return app;
    }

    /// <summary>Builds and runs the server until it is stopped (Ctrl+C, SIGTERM, <paramref name="cancellationToken"/>).</summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        await using WebApplication app = Build(args, configure);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
