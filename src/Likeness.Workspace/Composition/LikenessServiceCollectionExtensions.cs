using Likeness.Core.Assets;
using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Core.Scoring;
using Likeness.Media.Decoding;
using Likeness.Media.Transcoding;
using Likeness.Providers;
using Likeness.Providers.Composition;
using Likeness.Providers.Sim;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Alerts;
using Likeness.Workspace.Audit;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Assets;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Dino;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Identity.Retraining;
using Likeness.Workspace.Identity.Validation;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Pins;
using Likeness.Workspace.Projects;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Shots.Listing;
using Likeness.Workspace.TrainingSets;
using Likeness.Workspace.Videos;
using Likeness.Workspace.Videos.Drift;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Workspace.Composition;

/// <summary>
/// Composes a workspace in a container: options, database, asset store, prices, the provider registry and the
/// application services. Providers are added separately (<c>AddSim()</c>, <c>AddFal()</c>, one per provider), each
/// registering its <see cref="IProvider"/>s; the registry takes every registered provider.
/// </summary>
public static class LikenessServiceCollectionExtensions
{
    /// <summary>
    /// The workspace with <see cref="WorkspaceOptions"/> bound from the <c>Likeness</c> section of
    /// <paramref name="configuration"/> and validated at start-up.
    /// </summary>
    public static IServiceCollection AddLikeness(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkspaceOptions>().Bind(configuration.GetSection(WorkspaceOptions.Section));
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section));
        return services.AddLikenessServices();
    }

    /// <summary>The workspace with the given <paramref name="options"/> (validated at start-up), for library users without configuration.</summary>
    public static IServiceCollection AddLikeness(this IServiceCollection services, WorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IOptionsFactory<WorkspaceOptions>>(sp => new GivenOptionsFactory<WorkspaceOptions>(
            options, sp.GetServices<IConfigureOptions<WorkspaceOptions>>(), sp.GetServices<IPostConfigureOptions<WorkspaceOptions>>(), sp.GetServices<IValidateOptions<WorkspaceOptions>>()));
        return services.AddLikenessServices();
    }

    private static IServiceCollection AddLikenessServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<WorkspaceOptions>>(new ValidatedBy<WorkspaceOptions>(o => o.Validate()));
        services.AddOptions<WorkspaceOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptions.Validator>();
        services.AddOptions<AlertOptions>().ValidateOnStart();
        services.AddOptions<SimOptions>().Configure<IOptions<WorkspaceOptions>>((sim, workspace) =>
        {
            sim.StateDirectory = Path.Combine(workspace.Value.Home, "sim");
            sim.FailureRate = workspace.Value.SimFailureRate;
            sim.TrainingDuration = workspace.Value.SimTrainingDuration;
        });

        services.AddSingleton<IDbContextFactory<LikenessDbContext>>(sp => Storage(sp, o => new LikenessDbContextFactory(o.Database, o.EffectiveConnectionString)));
        services.AddSingleton<IAssetStore>(sp => Storage<IAssetStore>(sp, o => o.S3 is { } s3 ? new S3AssetStore(s3) : new DiskAssetStore(o.EffectiveAssetsPath)));
        services.AddSingleton(sp => Storage(sp, PriceFile.Load));
        services.AddSingleton(sp => new ProviderRegistry(
            sp.GetServices<IProvider>(), ListedProviders.Describe(Environment.GetEnvironmentVariable), sp.GetRequiredService<PriceOverrides>()));

        // Explicit constructors: each source also has one that wraps an engine the caller already holds.
        services.AddSingleton(sp => new FaceEngineSource(sp.GetRequiredService<ILogger<FaceEngineSource>>()));
        services.AddSingleton<IFaceAnalyzer, DeferredFaceAnalyzer>();
        services.AddSingleton(sp => new ClipEngineSource(sp.GetRequiredService<IOptions<WorkspaceOptions>>(), sp.GetRequiredService<ILogger<ClipEngineSource>>()));
        services.AddSingleton(sp => new DinoEngineSource(
            sp.GetRequiredService<IOptions<WorkspaceOptions>>().Value.DinoModel, installedWhenNull: true, sp.GetRequiredService<ILogger<DinoEngineSource>>()));
        services.AddSingleton<ISimDistractorSource, WorkspaceDistractors>();

        services.AddSingleton<AuditLog>();
        services.AddSingleton<AlertBook>();
        services.AddSingleton<CreditBook>();
        services.AddSingleton<LedgerBook>();
        services.AddSingleton<ClaimBook>();
        services.AddSingleton<PaidCall>();
        services.AddSingleton<CharacterCatalog>();
        services.AddSingleton<References.ReferenceFaceBoxes>();
        services.AddSingleton<IdentityManager>();
        services.AddSingleton<IdentityVersions>();
        services.AddSingleton<TrainingSetInspector>();
        services.AddSingleton<ShotRunner>();
        services.AddSingleton<ShotSummaries>();
        services.AddSingleton<ShotPlanner>();
        services.AddSingleton<CostCapBook>();
        services.AddSingleton<DistractorSet>();
        services.AddSingleton<ClipImageEmbeddings>();
        services.AddSingleton<CalibrationBook>();
        services.AddSingleton<ShotJudge>();
        services.AddSingleton<ShotGate>();
        services.AddSingleton<Routing.RouteBook>();
        services.AddSingleton<Routing.RoutedShots>();
        services.AddSingleton<Routing.AutoRouter>();
        services.AddSingleton<IdentityValidator>();
        services.AddSingleton<Retrainer>();
        services.AddSingleton<SteppedRetrain>();
        services.AddSingleton<GatePassRates>();
        services.AddSingleton<PinBook>();
        services.AddSingleton(_ => new VideoFrameReader(FfmpegOptions.FromEnvironment()));
        // The sim's clips as WebM where ffmpeg is installed, so the UI's <video> plays them.
        services.AddSingleton(_ => new WebmEncoder(FfmpegOptions.FromEnvironment()));
        services.AddSingleton<VideoIdentityScorer>();
        services.AddSingleton<MadeVideoChecker>();
        services.AddSingleton<VideoRunner>();
        services.AddSingleton<AssetSweeper>();
        services.AddSingleton<DeletionService>();
        services.AddSingleton<LedgerReconciler>();
        services.AddSingleton<UserBook>();
        services.AddSingleton<TokenBook>();
        services.AddSingleton<ProjectBook>();
        services.AddSingleton<FirstOwner>();
        services.AddSingleton<JobBook>();
        services.AddSingleton<Studies.Stored.StudyBook>();
        // The study runner works through the workspace facade over this same container (thread-safe: one for all runs).
        services.AddSingleton(sp => new Studies.StudyRunner(LikenessWorkspace.Over(sp)));
        services.AddSingleton<WebhookReceipts>();
        services.AddSingleton<KeyRing.KeyRingStore>();
        services.AddSingleton<Retention.RetentionSweeper>();
        services.AddSingleton<Ratings.RatingBook>();
        services.AddSingleton<Ratings.RatingInvites>();
        services.AddSingleton<Ratings.RatingBooth>();
        return services;
    }

    private static T Storage<T>(IServiceProvider services, Func<WorkspaceOptions, T> create) =>
        create(services.GetRequiredService<IOptions<WorkspaceOptions>>().Value);

    /// <summary>Starts from an instance the caller built (records with init-only members cannot be configured in place).</summary>
    private sealed class GivenOptionsFactory<T>(
        T given, IEnumerable<IConfigureOptions<T>> setups, IEnumerable<IPostConfigureOptions<T>> postConfigures, IEnumerable<IValidateOptions<T>> validations)
        : OptionsFactory<T>(setups, postConfigures, validations)
        where T : class
    {
        protected override T CreateInstance(string name) => given;
    }
}
