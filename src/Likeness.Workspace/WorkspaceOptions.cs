using Likeness.Imaging;
using Likeness.Core.References;
using Likeness.Workspace.Assets;
using Likeness.Providers.Sim;
using Likeness.Workspace.Persistence;

namespace Likeness.Workspace;

/// <summary>
/// Where a workspace keeps its data. The defaults are embedded: a SQLite file and an asset folder under the
/// home folder (<c>~/.likeness</c>, or <c>LIKENESS_HOME</c>), and the offline sim providers.
/// </summary>
public sealed record WorkspaceOptions
{
    /// <summary>The home folder.</summary>
    public required string Home { get; init; }

    /// <summary>Which database.</summary>
    public DatabaseKind Database { get; init; } = DatabaseKind.Sqlite;

    /// <summary>Connection string; defaults to <c>Data Source={Home}/likeness.db</c> for SQLite.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Asset folder; defaults to <c>{Home}/assets</c>.</summary>
    public string? AssetsPath { get; init; }

    /// <summary>An S3-compatible bucket for assets instead of the asset folder; null keeps them on disk.</summary>
    public S3StoreOptions? S3 { get; init; }

    /// <summary>Simulated failure rate of the sim providers (0 by default).</summary>
    public double SimFailureRate { get; init; }

    /// <summary>The sim profiles to register (the three defaults unless a test or study needs other fidelities).</summary>
    public IReadOnlyList<SimProfile> SimProfiles { get; init; } = SimProfile.Defaults;

    /// <summary>How long a simulated training takes.</summary>
    public TimeSpan SimTrainingDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A price file overriding providers' default prices; null uses <c>{Home}/prices.json</c> when it exists.
    /// A file named here must exist (the CLI sets it from <c>LIKENESS_PRICES</c>).
    /// </summary>
    public string? PricesFile { get; init; }

    /// <summary>A CLIP model folder for studies' CLIP-I and CLIP-T scores; null uses the installed model, when there is one.</summary>
    public string? ClipModel { get; init; }

    /// <summary>
    /// A DINOv2 model folder for DINO-I scores. In a host (the CLI) null uses the installed model, when there is one; a
    /// workspace opened by <c>LikenessWorkspace.OpenAsync(WorkspaceOptions, ...)</c>
    /// uses only the folder named here, as it uses only the engines it is given.
    /// </summary>
    public string? DinoModel { get; init; }

    /// <summary>How long a paid-call claim stays its owner's without renewal; a claim past it is taken over (its owner died).</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a request waits for another process's claim on the same call before giving up.</summary>
    public TimeSpan ClaimWait { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a waiting request looks at the claim it waits for.</summary>
    public TimeSpan ClaimPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Lint score (0 to 100) a training set needs before a paid training (`identity create --ignore-lint` overrides it); 0 turns the refusal off.</summary>
    public int TrainingSetMinimumScore { get; init; } = 50;

    /// <summary>
    /// Largest reference file accepted, in bytes (default 10 MB, <see cref="ReferenceRules.MaxBytes"/>). A larger file is
    /// refused before a pixel is read; the checks read an accepted PNG or baseline JPEG by rows, whatever its size. Raise
    /// it only where the providers in use take files that large: each is sent the file as uploaded.
    /// </summary>
    public long MaxReferenceBytes { get; init; } = ReferenceRules.Default.MaxBytes;

    /// <summary>The reference requirements with this workspace's <see cref="MaxReferenceBytes"/>.</summary>
    public ReferenceRules ReferenceRules => ReferenceRules.Default with { MaxBytes = MaxReferenceBytes };

    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Likeness";

    /// <summary>The default home: <c>LIKENESS_HOME</c>, else <c>~/.likeness</c>.</summary>
    public static string DefaultHome() =>
        Environment.GetEnvironmentVariable("LIKENESS_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".likeness");

    /// <summary>The effective connection string.</summary>
    public string EffectiveConnectionString => Database == DatabaseKind.Sqlite
        ? ConnectionString ?? $"Data Source={Path.Combine(Home, "likeness.db")}"
        : PostgresConnectionString.Normalize(ConnectionString ?? throw new InvalidOperationException("A PostgreSQL workspace needs a connection string (LIKENESS_DATABASE_URL)."));

    /// <summary>
    /// Folder of distractor photos (other people) that gate calibrations count as impostors besides the cast; null
    /// for <c>distractors</c> under the home folder when it exists, else the bundled public-domain set
    /// (<see cref="BundledDistractorsPath"/>). Each photo may hold several faces; a missing folder is an empty set.
    /// </summary>
    public string? DistractorsPath { get; init; }

    /// <summary>The public-domain distractor photos shipped with Likeness (samples/distractors, copied beside the assemblies).</summary>
    public static string BundledDistractorsPath => Path.Combine(AppContext.BaseDirectory, "samples", "distractors");

    /// <summary>The effective distractor folder: the configured one, else the home's own, else the bundled set.</summary>
    public string EffectiveDistractorsPath =>
        DistractorsPath ?? (Directory.Exists(Path.Combine(Home, "distractors")) ? Path.Combine(Home, "distractors") : BundledDistractorsPath);

    /// <summary>The effective asset folder.</summary>
    public string EffectiveAssetsPath => AssetsPath ?? Path.Combine(Home, "assets");

    /// <summary>Checks the values at start-up, with messages that say what to fix.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Home))
        {
            throw new ArgumentException("The workspace needs a home folder (--home or LIKENESS_HOME).");
        }

        if (Database == DatabaseKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("A PostgreSQL workspace needs a connection string (LIKENESS_DATABASE_URL).");
        }

        if (File.Exists(Home))
        {
            throw new ArgumentException($"The workspace home {Home} is a file, not a folder.");
        }

        if (Database == DatabaseKind.Postgres)
        {
            _ = PostgresConnectionString.Normalize(ConnectionString!);
        }

        S3?.Validate();
        if (ClaimLease <= TimeSpan.Zero || ClaimWait < TimeSpan.Zero || ClaimPoll <= TimeSpan.Zero || ClaimPoll > ClaimLease)
        {
            throw new ArgumentException("Claim timings must be positive, with the poll interval no longer than the lease.");
        }

        if (SimFailureRate is < 0 or > 1)
        {
            throw new ArgumentException("The sim failure rate must be between 0 and 1.");
        }

        if (MaxReferenceBytes < 1024 || MaxReferenceBytes > DecodeOptions.Default.MaxInputBytes)
        {
            throw new ArgumentException($"The largest reference file (MaxReferenceBytes) must be 1024 to {DecodeOptions.Default.MaxInputBytes} bytes (got {MaxReferenceBytes}).");
        }

        if (TrainingSetMinimumScore is < 0 or > 100)
        {
            throw new ArgumentException($"The training-set minimum score must be 0 to 100 (got {TrainingSetMinimumScore}).");
        }
    }
}
