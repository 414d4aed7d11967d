using Likeness.Core.Assets;
using Likeness.Core.Projects;
using Likeness.Core.Providers;
using Likeness.Core.Scoring;
using Likeness.Providers.Astria;
using Likeness.Providers.Fal;
using Likeness.Providers.Sim;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Dino;
using Likeness.Workspace.Composition;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Pins;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;
using Likeness.Workspace.TrainingSets;
using Likeness.Workspace.Videos;
using Likeness.Workspace.Videos.Drift;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Workspace;

/// <summary>
/// A thin facade over a composed container (<see cref="LikenessServiceCollectionExtensions.AddLikeness(IServiceCollection, WorkspaceOptions)"/>)
/// for library users and tests: each property resolves its service on first use, so opening a workspace loads
/// nothing a caller does not touch. Hosts (the CLI, a server) compose the container themselves and open the
/// facade over it with <see cref="OpenAsync(IServiceProvider, IDisposable?, CancellationToken)"/>.
/// </summary>
public sealed class LikenessWorkspace : IDisposable
{
    private readonly IServiceProvider _services;
    private readonly IDisposable? _owner;

    private LikenessWorkspace(IServiceProvider services, IDisposable? owner)
    {
        _services = services;
        _owner = owner;
    }

    /// <summary>The container the facade reads from.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The options it was opened with.</summary>
    public WorkspaceOptions Options => Get<IOptions<WorkspaceOptions>>().Value;

    /// <summary>The face engine, or null when its models are not installed (face scores are then absent).</summary>
    public IFaceAnalyzer? Faces => Get<FaceEngineSource>().Engine;

    /// <summary>The CLIP engine, or null when no CLIP model is installed (CLIP-I and CLIP-T are then absent).</summary>
    public ClipEngine? Clip => Get<ClipEngineSource>().Engine;

    /// <summary>The CLIP image embeddings of stored images, computed once per model and image.</summary>
    public ClipImageEmbeddings ClipEmbeddings => Get<ClipImageEmbeddings>();

    /// <summary>The DINOv2 engine for DINO-I, or null when no model is installed (loaded on first use).</summary>
    public DinoEngine? Dino => Get<DinoEngineSource>().Engine;

    /// <summary>The clock.</summary>
    public TimeProvider Time => Get<TimeProvider>();

    /// <summary>Loggers.</summary>
    public ILoggerFactory Loggers => Get<ILoggerFactory>();

    /// <summary>Content-addressed files.</summary>
    public IAssetStore Assets => Get<IAssetStore>();

    /// <summary>The providers.</summary>
    public ProviderRegistry Providers => Get<ProviderRegistry>();

    /// <summary>The cost ledger.</summary>
    public LedgerBook Ledger => Get<LedgerBook>();

    /// <summary>Characters and their references.</summary>
    public CharacterCatalog Characters => Get<CharacterCatalog>();

    /// <summary>Face boxes for references analysed before boxes were kept (<c>likeness reference refresh</c>).</summary>
    public References.ReferenceFaceBoxes FaceBoxes => Get<References.ReferenceFaceBoxes>();

    /// <summary>Identity models: instant, trained, elements.</summary>
    public IdentityManager Identities => Get<IdentityManager>();

    /// <summary>Training-set lint and captions (<c>likeness character lint</c>).</summary>
    public TrainingSetInspector TrainingSets => Get<TrainingSetInspector>();

    /// <summary>Shot generation: cache, ledger, provider, storage, scores.</summary>
    public ShotRunner Shots => Get<ShotRunner>();

    /// <summary>Pins: a character's frontal image and references, ready for video.</summary>
    public PinBook Pins => Get<PinBook>();

    /// <summary>Gated generation: N kept shots under a cost cap.</summary>
    public ShotGate Gate => Get<ShotGate>();

    /// <summary>Per-character gate calibrations.</summary>
    public CalibrationBook Calibrations => Get<CalibrationBook>();

    /// <summary>Video from pinned characters: ledger, provider, storage.</summary>
    public VideoRunner Videos => Get<VideoRunner>();

    /// <summary>Follows a character through a clip (<c>likeness video score</c>).</summary>
    public VideoIdentityScorer VideoScorer => Get<VideoIdentityScorer>();

    /// <summary>Checks made videos for identity and stores the result with them.</summary>
    public MadeVideoChecker VideoChecks => Get<MadeVideoChecker>();

    /// <summary>Reconciliation (<c>likeness doctor</c>): settles what stopped processes left, checks the books.</summary>
    public LedgerReconciler Doctor => Get<LedgerReconciler>();

    /// <summary>Deletes shots, references, identity models and characters, leaving nothing behind.</summary>
    public DeletionService Deletions => Get<DeletionService>();

    /// <summary>
    /// Composes a container with the sim profiles of <paramref name="options"/>, fal (<paramref name="fal"/>, or
    /// no key) and Astria (<paramref name="astria"/>, or no key), then opens it. The face and CLIP engines are the ones given (none by default). A bad price file or
    /// bad options fail here.
    /// </summary>
    public static async Task<LikenessWorkspace> OpenAsync(
        WorkspaceOptions options, IFaceAnalyzer? faces = null, TimeProvider? time = null, ILoggerFactory? loggers = null,
        ClipEngine? clip = null, FalClientOptions? fal = null, AstriaClientOptions? astria = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddLikeness(options).AddSim(options.SimProfiles).AddFal(fal ?? new FalClientOptions()).AddAstria(astria ?? new AstriaClientOptions());
        // Factories, not instances: the container disposes only what it made, and the workspace owns the CLIP engine it is given.
        services.AddSingleton(_ => new FaceEngineSource(faces));
        services.AddSingleton(_ => new ClipEngineSource(clip));
        services.AddSingleton(sp => new DinoEngineSource(options.DinoModel, installedWhenNull: false, sp.GetRequiredService<ILogger<DinoEngineSource>>()));
        if (loggers is not null)
        {
            services.AddSingleton(loggers);
        }

        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            return await OpenAsync(provider, provider, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens the workspace in a composed container: validates the options, builds the provider registry (a bad price
    /// file fails here, naming the line), migrates the database and makes the default project.
    /// <paramref name="owner"/> (the host or container) is disposed with the facade.
    /// </summary>
    public static async Task<LikenessWorkspace> OpenAsync(IServiceProvider services, IDisposable? owner = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IStartupValidator>()?.Validate();
        var workspace = new LikenessWorkspace(services, owner);
        _ = workspace.Providers;
        Directory.CreateDirectory(workspace.Options.Home);
        try
        {
            await workspace.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex))
        {
            throw DatabaseUnavailable.Error(workspace.Options, ex);
        }

        return workspace;
    }

    /// <summary>The facade over a container whose workspace is already open, for services that need another's help (no migration, owns nothing).</summary>
    internal static LikenessWorkspace Over(IServiceProvider services) => new(services, null);

    // Brings the schema up to date and makes the default project.
    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = OpenDb();
        IReadOnlyList<string> ran = await SchemaMigrator.MigrateAsync(db, Time, cancellationToken).ConfigureAwait(false);
        ILogger log = Loggers.CreateLogger<LikenessWorkspace>();
        if (ran.Count > 0)
        {
            WorkspaceLog.MigrationsApplied(log, ran);
        }

        if (!await db.Projects.AnyAsync(p => p.Name == Project.DefaultName, cancellationToken).ConfigureAwait(false))
        {
            db.Projects.Add(Project.Create(Project.DefaultName, null, Time));
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another process opening the same database at the same moment may have made it first.
                await using LikenessDbContext again = OpenDb();
                if (!await again.Projects.AnyAsync(p => p.Name == Project.DefaultName, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Disposes the container it owns: the providers, the asset store and the engines it loaded.</summary>
    public void Dispose() => _owner?.Dispose();

    /// <summary>A new database context; dispose it when done.</summary>
    public LikenessDbContext OpenDb() => Get<IDbContextFactory<LikenessDbContext>>().CreateDbContext();

    private T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();
}
