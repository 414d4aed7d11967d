using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Providers.Replicate;
using Likeness.Providers.Replicate.Models;

namespace Likeness.Cli.Commands.Providers;

/// <summary>
/// <c>likeness providers check replicate</c>: a live smoke test for users with a token. It reads the account,
/// uploads a tiny file, runs one 512×512 FLUX schnell image through the official-model form (about $0.003) held
/// with <c>Prefer: wait</c>, downloads it and reads the webhook signing secret (never printed). Not run in CI (it
/// costs money); tests point it at the emulator.
/// </summary>
internal static class ReplicateCheck
{
    /// <summary>The official model the check runs (billed per image).</summary>
    public const string Model = "black-forest-labs/flux-schnell";

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ReplicateClientOptions options = ReplicateClientOptions.FromEnvironment();
        if (!options.HasKey)
        {
            throw new CliUsageException($"No Replicate token: set {ReplicateClientOptions.KeyVariable} (r8_... from https://replicate.com/account/api-tokens).");
        }

        using var client = new ReplicateClient(options);
        await output.WriteLineAsync($"replicate check against {options.ApiUri}").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        string account = await client.GetAccountNameAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  account   {account} ({Seconds(clock)})").ConfigureAwait(false);

        clock.Restart();
        using (Image tiny = Image.Create(8, 8, PixelFormat.Rgb24))
        {
            ReplicateFile file = await client.UploadFileAsync(ImageEncoder.EncodeToBytes(tiny, ImageFormat.Png), "image/png", "likeness-check.png", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  files     uploaded a test file: {file.Id}, {file.Size} bytes ({Seconds(clock)})").ConfigureAwait(false);
        }

        clock.Restart();
        (string owner, string name, _) = ReplicateClient.SplitModel(Model);
        JsonElement input = JsonSerializer.SerializeToElement(new { prompt = "a red apple on a wooden table, studio light", aspect_ratio = "1:1", num_outputs = 1, seed = 1, output_format = "png", megapixels = "0.25" });
        var states = new List<string>();
        var progress = new SyncProgress<ReplicatePrediction>(p =>
        {
            if (states.Count == 0 || states[^1] != p.Status)
            {
                states.Add(p.Status);
            }
        });
        ReplicatePrediction done = await client.RunAsync(ReplicateTarget.OfModel(owner, name), input, progress, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  predict   {Model}: {string.Join(" -> ", states)} in {Seconds(clock)}, prediction {done.Id}").ConfigureAwait(false);
        if (done.Status != ReplicateStatus.Succeeded)
        {
            await output.WriteLineAsync($"Replicate did not finish the check: {done.Status} {done.ErrorText}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        byte[] bytes = await client.DownloadAsync(ReplicateProvider.OutputUrls(done)[0], cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  result    {bytes.Length} bytes downloaded ({ReplicateProvider.ContentTypeOf(bytes)})").ConfigureAwait(false);

        string secret = await client.GetWebhookSecretAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  webhooks  signing secret readable ({(secret.StartsWith("whsec_", StringComparison.Ordinal) ? "whsec_" : "unexpected")} form)").ConfigureAwait(false);
        await output.WriteLineAsync("replicate is ready (this check cost about $0.003).").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Seconds(Stopwatch clock) => string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} s");
}
