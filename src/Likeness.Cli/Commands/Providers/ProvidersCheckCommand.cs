using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Costs;
using Likeness.Imaging;
using Likeness.Providers.Astria;
using Likeness.Providers.Fal;
using Likeness.Providers.Fal.Models;
using Likeness.Providers.Fal.Webhooks;
using Likeness.Providers.Leonardo;
using Likeness.Providers.Stability;
using Likeness.Providers.Replicate;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Cli.Commands.Providers;

/// <summary>
/// <c>likeness providers check fal</c> (and <c>astria</c>, see <see cref="AstriaCheck"/>): a live smoke test for users with a key. It uploads a tiny file,
/// queues the cheapest useful job (one 256×256 FLUX image, about $0.002), follows it to the end, downloads
/// the image and reads fal's webhook keys. Not run in CI (it costs money); tests point it at the emulator.
/// </summary>
internal static class ProvidersCheckCommand
{
    private const int Side = 256;

    public static Command Create()
    {
        var provider = new Argument<string>("PROVIDER") { Description = "The provider to check (fal, astria, leonardo, replicate, stability)." };
        var command = new Command("check", "Check a provider key with a real, cheap call (fal: one 256x256 image, about $0.002; astria: a free fast-branch mock tune and prompt; leonardo: one 256x256 image; replicate: one FLUX schnell image, about $0.003; stability: one Core image, about $0.03).") { provider };
        command.SetGuardedAction(async (parse, ct) =>
        {
            string name = parse.GetValue(provider)!.ToLowerInvariant();
            TextWriter output = parse.InvocationConfiguration.Output;
            return name switch
            {
                FalProvider.Name => await CheckFalAsync(output, ct).ConfigureAwait(false),
                AstriaDescriptor.Name => await AstriaCheck.RunAsync(output, ct).ConfigureAwait(false),
                LeonardoDescriptor.Name => await LeonardoCheck.RunAsync(output, ct).ConfigureAwait(false),
                ReplicateDescriptor.Name => await ReplicateCheck.RunAsync(output, ct).ConfigureAwait(false),
                StabilityDescriptor.Name => await StabilityCheck.RunAsync(output, ct).ConfigureAwait(false),
                _ => throw new CliUsageException($"Only fal, astria, leonardo, replicate and stability can be checked (got '{name}')."),
            };
        });
        return command;
    }

    private static async Task<int> CheckFalAsync(TextWriter output, CancellationToken cancellationToken)
    {
        FalClientOptions options = FalClientOptions.FromEnvironment();
        if (!options.HasKey)
        {
            throw new CliUsageException($"No fal key: set {FalClientOptions.KeyVariable} (id:secret from https://fal.ai/dashboard/keys).");
        }

        using var client = new FalClient(options);
        await output.WriteLineAsync($"fal check against {options.QueueUri}").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();

        using (Image tiny = Image.Create(8, 8, PixelFormat.Rgb24))
        {
            Uri uploaded = await client.Storage.UploadAsync(ImageEncoder.EncodeToBytes(tiny, ImageFormat.Png), "image/png", "likeness-check.png", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  storage   uploaded a test file: {uploaded.GetLeftPart(UriPartial.Path)} ({Seconds(clock)})").ConfigureAwait(false);
        }

        clock.Restart();
        var input = new FluxLoraInput { Prompt = "a red apple on a wooden table, studio light", Loras = [], ImageSize = new FalImageSize(Side, Side), NumImages = 1, NumInferenceSteps = 8, Seed = 1 };
        var states = new List<string>();
        var progress = new SyncProgress<FalQueueStatus>(s =>
        {
            if (states.Count == 0 || states[^1] != s.Status)
            {
                states.Add(s.Status);
            }
        });
        FalResult<FalImageOutput> result = await client.SubscribeAsync<FluxLoraInput, FalImageOutput>(FalApps.FluxLora, input, progress, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  queue     {FalApps.FluxLora} {Side}x{Side}: {string.Join(" -> ", states)} in {Seconds(clock)}, request {result.RequestId}").ConfigureAwait(false);

        FalImage image = (result.Value.Images.Count > 0 ? result.Value.Images[0] : null) ?? throw new FalException("fal returned no image.", requestId: result.RequestId);
        byte[] bytes = await client.DownloadAsync(image.Url, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  result    {result.Value.Images.Count} image(s), {image.Width}x{image.Height}, {bytes.Length} bytes downloaded").ConfigureAwait(false);

        using var keys = new FalSigningKeys(client, NullLogger.Instance);
        int count = (await keys.GetAsync(cancellationToken).ConfigureAwait(false)).Count;
        await output.WriteLineAsync($"  webhooks  {count} Ed25519 signing key(s) at {options.JwksUri}").ConfigureAwait(false);

        decimal cost = new PriceTable(FalDescriptor.DefaultPrices).EstimateImages(FalApps.FluxLora, Side, Side, 1);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"fal is ready (this check cost about ${cost:0.0000}).")).ConfigureAwait(false);
        return count > 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    internal static string Seconds(Stopwatch clock) => string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} s");
}
