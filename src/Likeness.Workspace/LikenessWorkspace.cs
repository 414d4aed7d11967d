using Likeness.Core.Assets;
using Likeness.Core.Costs;
using Likeness.Core.Projects;
using Likeness.Core.Providers;
using Likeness.Core.Scoring;
using Likeness.Providers;
using Likeness.Providers.Fal;
using Likeness.Providers.Sim;
using Likeness.Workspace.Assets;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Pins;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Videos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Workspace;

/// <summary>
/// A studio's Likeness data in one place: the database, the asset store, the providers and the face engine,
/// with the services that work on them. Open it once per process; each operation uses its own short-lived
/// database context, so services can run in parallel.
/// </summary>
public sealed class LikenessWorkspace : IDisposable
{
    private readonly ILogger _log;
    private readonly List<SimProvider> _sims;
    private readonly FalClient _fal;

    private LikenessWorkspace(WorkspaceOptions options, PriceOverrides prices, IFaceAnalyzer? faces, ClipEngine? clip, TimeProvider time, ILoggerFactory loggers)
    {
        Options = options;
        Faces = faces;
        Clip = clip;
        Time = time;
        Loggers = loggers;
        _log = loggers.CreateLogger<LikenessWorkspace>();
        var simOptions = new SimOptions
        {
            StateDirectory = Path.Combine(options.Home, "sim"),
            FailureRate = options.SimFailureRate,
            TrainingDuration = options.SimTrainingDuration,
            Prices = prices,
        };
        var distractors = new WorkspaceDistractors(this);
        _fal = new FalClient(options.Fal, time: time, loggers: loggers);
        _sims = [];
        try
        {
            // A price line that does not fit a provider throws here, from the provider or the registry.
            foreach (SimProfile profile in options.SimProfiles)
            {
                _sims.Add(new SimProvider(profile, simOptions, distractors, faces, time));
            }

            Providers = new ProviderRegistry(
                [.. _sims, .. FalRegistrations(_fal, prices)], ListedProviders.Describe(Environment.GetEnvironmentVariable), prices);
        }
        catch
        {
            _sims.ForEach(sim => sim.Dispose());
            _fal.Dispose();
            throw;
        }

        // After the providers, so a bad price file fails before the asset store is opened.
        Assets = options.S3 is { } s3 ? new S3AssetStore(s3) : new DiskAssetStore(options.EffectiveAssetsPath);
        Ledger = new LedgerBook(this);
        Characters = new CharacterCatalog(this);
        Identities = new IdentityManager(this);
        Shots = new ShotRunner(this);
        Pins = new PinBook(this);
        Videos = new VideoRunner(this);
    }

    /// <summary>The options it was opened with.</summary>
    public WorkspaceOptions Options { get; }

    /// <summary>The face engine, or null when its models are not installed (face scores are then absent).</summary>
    public IFaceAnalyzer? Faces { get; }

    /// <summary>The CLIP engine, or null when no CLIP model is installed (CLIP-I and CLIP-T are then absent). The workspace owns it.</summary>
    public ClipEngine? Clip { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Loggers.</summary>
    public ILoggerFactory Loggers { get; }

    /// <summary>Content-addressed files.</summary>
    public IAssetStore Assets { get; }

    /// <summary>The providers.</summary>
    public ProviderRegistry Providers { get; }

    /// <summary>The cost ledger (one per process, so reservations are serialised).</summary>
    public LedgerBook Ledger { get; }

    /// <summary>Characters and their references.</summary>
    public CharacterCatalog Characters { get; }

    /// <summary>Identity models: instant, trained, elements.</summary>
    public IdentityManager Identities { get; }

    /// <summary>Shot generation: cache, ledger, provider, storage, scores.</summary>
    public ShotRunner Shots { get; }

    /// <summary>Pins: a character's frontal image and references, ready for video.</summary>
    public PinBook Pins { get; }

    /// <summary>Video from pinned characters: ledger, provider, storage.</summary>
    public VideoRunner Videos { get; }

    /// <summary>Opens (creating and migrating if needed) the workspace; a bad price file fails here, naming the line.</summary>
    public static async Task<LikenessWorkspace> OpenAsync(
        WorkspaceOptions options, IFaceAnalyzer? faces = null, TimeProvider? time = null, ILoggerFactory? loggers = null,
        ClipEngine? clip = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.Home);
        PriceOverrides prices = await PriceFile.LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var workspace = new LikenessWorkspace(options, prices, faces, clip, time ?? TimeProvider.System, loggers ?? NullLoggerFactory.Instance);
        await using LikenessDbContext db = workspace.OpenDb();
        IReadOnlyList<string> ran = await SchemaMigrator.MigrateAsync(db, workspace.Time, cancellationToken).ConfigureAwait(false);
        if (ran.Count > 0)
        {
            WorkspaceLog.MigrationsApplied(workspace._log, ran);
        }

        if (!await db.Projects.AnyAsync(p => p.Name == Project.DefaultName, cancellationToken).ConfigureAwait(false))
        {
            db.Projects.Add(Project.Create(Project.DefaultName, null, workspace.Time));
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another process opening the same database at the same moment may have made it first.
                if (!await DefaultProjectExistsAsync(workspace, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }

        return workspace;
    }

    /// <summary>Releases the ledger's lock, the simulators' decoded photos and the CLIP engine.</summary>
    public void Dispose()
    {
        Ledger.Dispose();
        _sims.ForEach(s => s.Dispose());
        _fal.Dispose();
        (Assets as IDisposable)?.Dispose();
        Clip?.Dispose();
    }

    /// <summary>
    /// fal twice over one client: <c>fal</c> trains LoRAs (and generates with them and makes video), and
    /// <c>fal-instant</c> generates from references with Instant Character, so both identity kinds can be made.
    /// </summary>
    private static IEnumerable<IProvider> FalRegistrations(FalClient client, PriceOverrides prices) =>
    [
        new FalProvider(client, new FalProviderOptions { Prices = prices }),
        new FalProvider(client, new FalProviderOptions
        {
            Name = "fal-instant", DisplayName = "fal.ai Instant Character", Capabilities = ProviderCapabilities.ReferenceGeneration, Prices = prices,
        }),
    ];

    private static async Task<bool> DefaultProjectExistsAsync(LikenessWorkspace workspace, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = workspace.OpenDb();
        return await db.Projects.AnyAsync(p => p.Name == Project.DefaultName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new database context; dispose it when done.</summary>
    public LikenessDbContext OpenDb() => LikenessDatabase.Open(Options.Database, Options.EffectiveConnectionString);
}
