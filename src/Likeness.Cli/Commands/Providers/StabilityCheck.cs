using System.Diagnostics;
using System.Globalization;
using Likeness.Core.Costs;
using Likeness.Imaging;
using Likeness.Providers.Stability;
using Likeness.Providers.Stability.Models;

namespace Likeness.Cli.Commands.Providers;

/// <summary>
/// <c>likeness providers check stability</c>: one Stable Image Core text-to-image call (the cheapest endpoint, 3
/// credits, about $0.03) with the key from <c>STABILITY_API_KEY</c> at <c>LIKENESS_STABILITY_API_URL</c> or Stability's
/// host. It prints the finish reason, seed and image size. Not run in CI (it costs money); tests point it at the emulator.
/// </summary>
internal static class StabilityCheck
{
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        StabilityClientOptions options = StabilityClientOptions.FromEnvironment();
        if (!options.HasKey)
        {
            throw new CliUsageException($"No Stability key: set {StabilityClientOptions.KeyVariable} (an sk-… key from https://platform.stability.ai/account/keys).");
        }

        using var client = new StabilityClient(options);
        await output.WriteLineAsync($"stability check against {options.BaseUri}").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        StabilityImage image = await client.GenerateCoreAsync(
            new StabilityImageRequest { Prompt = "a red apple on a wooden table, studio light", AspectRatio = "1:1", Seed = 1, OutputFormat = "jpeg" }, cancellationToken).ConfigureAwait(false);
        ImageInfo info = ImageDecoder.Identify(image.Bytes);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"  generate  {StabilityEndpoints.Core}: {image.FinishReason}, seed {image.Seed}, {info.Width}x{info.Height} {image.ContentType}, {image.Bytes.Length} bytes in {ProvidersCheckCommand.Seconds(clock)}")).ConfigureAwait(false);
        decimal cost = new PriceTable(StabilityDescriptor.DefaultPrices).EstimateImages(StabilityDescriptor.CoreApp, info.Width, info.Height, 1);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"stability is ready (this check cost about ${cost:0.0000}).")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
