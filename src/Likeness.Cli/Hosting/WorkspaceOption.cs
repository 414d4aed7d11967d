using System.CommandLine;
using Likeness.Providers.Fal;
using Likeness.Workspace;
using Likeness.Workspace.Assets;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Faces;
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

    public static Option<DirectoryInfo?> Home { get; } = new("--home")
    {
        Description = "Workspace folder (default: LIKENESS_HOME, else ~/.likeness).",
        Recursive = true,
    };

    /// <summary>Opens the workspace without CLIP; a missing face engine is reported on stderr and scores are left empty.</summary>
    public static Task<LikenessWorkspace> OpenAsync(ParseResult parse, CancellationToken cancellationToken) => OpenAsync(parse, null, cancellationToken);

    /// <summary>
    /// Opens the workspace; a missing face engine is reported on stderr and scores are left empty. With
    /// <paramref name="clip"/> (a model folder, or empty for the installed one) it also loads the CLIP engine, and
    /// says on stderr when there is none.
    /// </summary>
    public static async Task<LikenessWorkspace> OpenAsync(ParseResult parse, string? clip, CancellationToken cancellationToken)
    {
        string home = parse.GetValue(Home)?.FullName ?? WorkspaceOptions.DefaultHome();
        string? database = Environment.GetEnvironmentVariable(DatabaseVariable);
        var options = new WorkspaceOptions
        {
            Home = home,
            Database = string.IsNullOrWhiteSpace(database) ? DatabaseKind.Sqlite : DatabaseKind.Postgres,
            ConnectionString = string.IsNullOrWhiteSpace(database) ? null : database,
            PricesFile = Environment.GetEnvironmentVariable(PricesVariable) is { Length: > 0 } prices ? Path.GetFullPath(prices) : null,
            S3 = Environment.GetEnvironmentVariable(BucketVariable) is { Length: > 0 } bucket
                ? new S3StoreOptions
                {
                    Bucket = bucket,
                    Prefix = Environment.GetEnvironmentVariable("LIKENESS_S3_PREFIX") ?? "assets/",
                    ServiceUrl = Environment.GetEnvironmentVariable("LIKENESS_S3_ENDPOINT") is { Length: > 0 } url ? new Uri(url) : null,
                    Region = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1",
                    AccessKeyId = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"),
                    SecretAccessKey = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
                }
                : null,
            // FAL_KEY (or FAL_KEY_ID + FAL_KEY_SECRET) and LIKENESS_FAL_{QUEUE,SYNC,REST,JWKS}_URL.
            Fal = FalClientOptions.FromEnvironment(),
        };
        FaceEngine? faces = FaceEngine.TryLoadDefault(out string? problem);
        if (problem is not null)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: warning: {problem}").ConfigureAwait(false);
        }

        ClipEngine? clipEngine = null;
        if (clip is not null)
        {
            clipEngine = ClipEngine.TryLoad(clip.Length > 0 ? clip : null, out string? clipProblem);
            if (clipProblem is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: note: {clipProblem}").ConfigureAwait(false);
            }
        }

        return await LikenessWorkspace.OpenAsync(options, faces, clip: clipEngine, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
