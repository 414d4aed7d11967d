using System.CommandLine;
using Likeness.Providers.Astria;
using Likeness.Providers.Fal;
using Likeness.Providers.Leonardo;
using Likeness.Providers.Stability;
using Likeness.Providers.Replicate;
using Likeness.Workspace;
using Likeness.Providers.Sim;
using Likeness.Workspace.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Likeness.Workspace.Persistence;

namespace Likeness.Cli.Hosting;

/// <summary>
/// The global <c>--home</c> option and how commands open the workspace it names: SQLite and assets under the
/// home folder by default, PostgreSQL when <c>LIKENESS_DATABASE_URL</c> holds a connection string.
/// </summary>
internal static class WorkspaceOption
{
    /// <summary>Environment variable naming an S3 bucket for assets (with LIKENESS_S3_ENDPOINT for S3-compatible servers).</summary>
    public const string BucketVariable = "LIKENESS_S3_BUCKET";

    /// <summary>Environment variable naming a price file (default: prices.json in the workspace home, when present).</summary>
    public const string PricesVariable = "LIKENESS_PRICES";

    /// <summary>Environment variable with a PostgreSQL connection string.</summary>
    public const string DatabaseVariable = "LIKENESS_DATABASE_URL";

    /// <summary>Environment variable with the sim providers' failure rate (0 to 1), to rehearse failures offline.</summary>
    public const string SimFailureVariable = "LIKENESS_SIM_FAILURE_RATE";

    public static Option<DirectoryInfo?> Home { get; } = new("--home")
    {
        Description = "Workspace folder (default: LIKENESS_HOME, else ~/.likeness).",
        Recursive = true,
    };

    /// <summary>The home this run uses: --home, else LIKENESS_HOME, else ~/.likeness.</summary>
    public static string HomeOf(ParseResult parse) => parse.GetValue(Home)?.FullName ?? WorkspaceOptions.DefaultHome();

    private static string? SimFailureRate() =>
        Environment.GetEnvironmentVariable(SimFailureVariable) is not { Length: > 0 } text ? null
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double rate) && rate is >= 0 and <= 1
            ? rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : throw new CliUsageException($"{SimFailureVariable} must be a number from 0 to 1.");

    /// <summary>Opens the workspace (the face engine loads on first use; CLIP only when a study asks for it).</summary>
    public static Task<LikenessWorkspace> OpenAsync(ParseResult parse, CancellationToken cancellationToken) => OpenAsync(parse, null, cancellationToken);

    /// <summary>
    /// Builds the host (configuration from <c>--home</c> and the environment, the workspace and its providers
    /// composed in the container, options validated at start) and opens the workspace over it. A missing face
    /// engine or CLIP model is said on stderr when something first needs it. <paramref name="clip"/> names a CLIP
    /// model folder (null or empty: the installed one).
    /// </summary>
    public static async Task<LikenessWorkspace> OpenAsync(ParseResult parse, string? clip, CancellationToken cancellationToken)
    {
        string? database = Environment.GetEnvironmentVariable(DatabaseVariable);
        string? bucket = Environment.GetEnvironmentVariable(BucketVariable);
        var settings = new Dictionary<string, string?>
        {
            ["Home"] = HomeOf(parse),
            ["Database"] = string.IsNullOrWhiteSpace(database) ? nameof(DatabaseKind.Sqlite) : nameof(DatabaseKind.Postgres),
            ["ConnectionString"] = string.IsNullOrWhiteSpace(database) ? null : database,
            ["PricesFile"] = Environment.GetEnvironmentVariable(PricesVariable) is { Length: > 0 } prices ? Path.GetFullPath(prices) : null,
            ["ClipModel"] = string.IsNullOrEmpty(clip) ? null : clip,
            ["SimFailureRate"] = SimFailureRate(),
        };
        if (!string.IsNullOrWhiteSpace(bucket))
        {
            settings["S3:Bucket"] = bucket;
            settings["S3:Prefix"] = Environment.GetEnvironmentVariable("LIKENESS_S3_PREFIX") ?? "assets/";
            settings["S3:ServiceUrl"] = Environment.GetEnvironmentVariable("LIKENESS_S3_ENDPOINT") is { Length: > 0 } url ? url : null;
            settings["S3:Region"] = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
            settings["S3:AccessKeyId"] = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
            settings["S3:SecretAccessKey"] = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        }

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null).Select(s => KeyValuePair.Create(WorkspaceOptions.Section + ":" + s.Key, s.Value)));
        // The host's own "failed to start" would be a second line: the failure itself is printed once, by the command.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Likeness.Workspace.Clip", LogLevel.Information).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddProvider(new CliLoggerProvider(parse.InvocationConfiguration.Error));
        // FAL_KEY (or FAL_KEY_ID + FAL_KEY_SECRET) and LIKENESS_FAL_{QUEUE,SYNC,REST,JWKS}_URL.
        // ASTRIA_API_KEY, LIKENESS_ASTRIA_API_URL, LIKENESS_ASTRIA_CALLBACK_URL and LIKENESS_ASTRIA_BRANCH (fast: free mock tunes).
        // LEONARDO_API_KEY, LIKENESS_LEONARDO_API_URL and LIKENESS_LEONARDO_{STRENGTH,SEED,USD_PER_CREDIT}.
        // REPLICATE_API_TOKEN, LIKENESS_REPLICATE_API_URL, LIKENESS_REPLICATE_OWNER and LIKENESS_REPLICATE_TRAINER.
        builder.Services.AddLikeness(builder.Configuration).AddSim().AddFal(FalClientOptions.FromEnvironment())
            .AddAstria(AstriaClientOptions.FromEnvironment(), AstriaProviderOptions.FromEnvironment())
            .AddLeonardo(LeonardoClientOptions.FromEnvironment(), LeonardoProviderOptions.FromEnvironment())
            .AddReplicate(ReplicateClientOptions.FromEnvironment(), ReplicateProviderOptions.FromEnvironment())
            .AddStability(StabilityClientOptions.FromEnvironment());   // STABILITY_API_KEY, LIKENESS_STABILITY_API_URL
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return await LikenessWorkspace.OpenAsync(host.Services, host, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
