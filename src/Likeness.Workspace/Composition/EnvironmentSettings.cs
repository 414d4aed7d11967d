using Likeness.Imaging;
using System.Globalization;
using Likeness.Core;
using Likeness.Workspace.Persistence;

namespace Likeness.Workspace.Composition;

/// <summary>
/// The workspace settings a front end (the CLI, the server) takes from the environment, as configuration keys of the
/// <c>Likeness</c> section: PostgreSQL when <c>LIKENESS_DATABASE_URL</c> holds a connection string, S3 when
/// <c>LIKENESS_S3_BUCKET</c> names a bucket, a price file, the sim's failure rate. One place, so every front end
/// reads the same variables the same way.
/// </summary>
public static class EnvironmentSettings
{
    /// <summary>Environment variable naming an S3 bucket for assets (with LIKENESS_S3_ENDPOINT for S3-compatible servers).</summary>
    public const string BucketVariable = "LIKENESS_S3_BUCKET";

    /// <summary>Environment variable naming a price file (default: prices.json in the workspace home, when present).</summary>
    public const string PricesVariable = "LIKENESS_PRICES";

    /// <summary>Environment variable with a PostgreSQL connection string (or a postgres:// URL).</summary>
    public const string DatabaseVariable = "LIKENESS_DATABASE_URL";

    /// <summary>Environment variable naming the gate's distractor photo folder (default: distractors in the workspace home).</summary>
    public const string DistractorsVariable = "LIKENESS_DISTRACTORS";

    /// <summary>Environment variable with the sim providers' failure rate (0 to 1), to rehearse failures offline.</summary>
    public const string SimFailureVariable = "LIKENESS_SIM_FAILURE_RATE";

    /// <summary>Environment variable with the largest reference file accepted, in bytes (<see cref="WorkspaceOptions.MaxReferenceBytes"/>).</summary>
    public const string MaxReferenceBytesVariable = "LIKENESS_MAX_REFERENCE_BYTES";

    /// <summary>
    /// The settings for a workspace at <paramref name="home"/> (null: <see cref="WorkspaceOptions.DefaultHome"/>) with
    /// the CLIP model folder <paramref name="clip"/> (null or empty: the installed one), as <c>Likeness:*</c> keys.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> Read(string? home, string? clip = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? database = environment(DatabaseVariable);
        string? bucket = environment(BucketVariable);
        var settings = new Dictionary<string, string?>
        {
            ["Home"] = home ?? WorkspaceOptions.DefaultHome(),
            ["Database"] = string.IsNullOrWhiteSpace(database) ? nameof(DatabaseKind.Sqlite) : nameof(DatabaseKind.Postgres),
            ["ConnectionString"] = string.IsNullOrWhiteSpace(database) ? null : database,
            ["PricesFile"] = environment(PricesVariable) is { Length: > 0 } prices ? Path.GetFullPath(prices) : null,
            ["ClipModel"] = string.IsNullOrEmpty(clip) ? null : clip,
            ["SimFailureRate"] = SimFailureRate(environment(SimFailureVariable)),
            ["DistractorsPath"] = environment(DistractorsVariable) is { Length: > 0 } distractors ? Path.GetFullPath(distractors) : null,
            ["MaxReferenceBytes"] = MaxReferenceBytes(environment(MaxReferenceBytesVariable)),
        };
        if (!string.IsNullOrWhiteSpace(bucket))
        {
            settings["S3:Bucket"] = bucket;
            settings["S3:Prefix"] = environment("LIKENESS_S3_PREFIX") ?? "assets/";
            settings["S3:ServiceUrl"] = environment("LIKENESS_S3_ENDPOINT") is { Length: > 0 } url ? url : null;
            settings["S3:Region"] = environment("AWS_REGION") ?? "us-east-1";
            settings["S3:AccessKeyId"] = environment("AWS_ACCESS_KEY_ID");
            settings["S3:SecretAccessKey"] = environment("AWS_SECRET_ACCESS_KEY");
        }

        return settings.Where(s => s.Value is not null).Select(s => KeyValuePair.Create(WorkspaceOptions.Section + ":" + s.Key, s.Value));
    }

    private static string? MaxReferenceBytes(string? text) =>
        text is not { Length: > 0 } ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && bytes is >= 1024 && bytes <= DecodeOptions.Default.MaxInputBytes
            ? bytes.ToString(CultureInfo.InvariantCulture)
            : throw new InvalidInputException($"{MaxReferenceBytesVariable} must be a whole number of bytes from 1024 to {DecodeOptions.Default.MaxInputBytes}.", MaxReferenceBytesVariable);

    private static string? SimFailureRate(string? text) =>
        text is not { Length: > 0 } ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate is >= 0 and <= 1
            ? rate.ToString("R", CultureInfo.InvariantCulture)
            : throw new InvalidInputException($"{SimFailureVariable} must be a number from 0 to 1.", SimFailureVariable);
}
