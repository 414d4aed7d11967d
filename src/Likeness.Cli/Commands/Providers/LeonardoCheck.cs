using System.Diagnostics;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Providers.Leonardo;
using Likeness.Providers.Leonardo.Models;

namespace Likeness.Cli.Commands.Providers;

/// <summary>
/// <c>likeness providers check leonardo</c>: a live smoke test for users with a key. It uploads a small init image
/// through the presigned two-step flow, runs one 256×256 Kino XL image with a Character Reference on it, follows it
/// PENDING → COMPLETE, downloads the image and prints the cost Leonardo reports. Tests point it at the emulator.
/// </summary>
internal static class LeonardoCheck
{
    private const int Side = 256;

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        LeonardoClientOptions options = LeonardoClientOptions.FromEnvironment();
        if (!options.HasKey)
        {
            throw new CliUsageException($"No Leonardo key: set {LeonardoClientOptions.KeyVariable} (from https://app.leonardo.ai/api-access).");
        }

        using var client = new LeonardoClient(options);
        var provider = new LeonardoProvider(client, LeonardoProviderOptions.FromEnvironment());
        await output.WriteLineAsync($"leonardo check against {options.ApiUri}").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();

        string initImage;
        using (Image grey = Image.Create(64, 64, PixelFormat.Rgb24))
        {
            initImage = await client.UploadInitImageAsync(ImageEncoder.EncodeToBytes(grey, ImageFormat.Png), "png", cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"  upload    init image {initImage} through the presigned form ({Seconds(clock)})").ConfigureAwait(false);
        clock.Restart();
        var shot = new ShotRequest { Prompt = "a red apple on a wooden table, studio light", Width = Side, Height = Side, Seed = 1, Steps = 10 };
        var states = new List<string>();
        var progress = new SyncProgress<LeonardoGeneration>(g =>
        {
            if (states.Count == 0 || states[^1] != g.Status)
            {
                states.Add(g.Status);
            }
        });
        (LeonardoGenerationJob job, LeonardoGeneration generation) = await client.GenerateAsync(provider.InputFor("likeness-check", shot, initImage), progress, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  generate  {Side}x{Side} with Character Reference: {string.Join(" -> ", states)} in {Seconds(clock)}, generation {job.GenerationId}").ConfigureAwait(false);

        LeonardoImage image = (generation.GeneratedImages.Count > 0 ? generation.GeneratedImages[0] : null)
            ?? throw new LeonardoException("Leonardo returned no image.", generationId: job.GenerationId);
        LeonardoDownload download = await client.DownloadAsync(image.Url, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  result    {generation.GeneratedImages.Count} image(s), {download.Bytes.Length} bytes downloaded{(download.Simulated ? " (simulated: an emulator answered)" : "")}").ConfigureAwait(false);
        string cost = job.Cost is { } c ? $"{c.Amount} {c.Unit}" : "not reported";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"leonardo is ready (this check cost {cost}, as Leonardo reported).")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Seconds(Stopwatch clock) => string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} s");
}
