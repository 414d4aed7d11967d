using System.Diagnostics;
using System.Globalization;
using Likeness.Imaging;
using Likeness.Providers.Astria;
using Likeness.Providers.Astria.Models;

namespace Likeness.Cli.Commands.Providers;

/// <summary>
/// <c>likeness providers check astria</c>: a live smoke test for users with a key that costs nothing. It lists the
/// account's tunes (the key works), trains a mock tune on the free <c>fast</c> branch, follows <c>trained_at</c>,
/// prompts it (mock images), downloads an image and deletes the tune. Not run in CI; tests point it at the emulator.
/// </summary>
internal static class AstriaCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        AstriaClientOptions options = AstriaClientOptions.FromEnvironment();
        if (!options.HasKey)
        {
            throw new CliUsageException($"No Astria key: set {AstriaClientOptions.KeyVariable} (the sd_… key from https://www.astria.ai/users/edit#api).");
        }

        using var client = new AstriaClient(options);
        await output.WriteLineAsync($"astria check against {options.BaseUri}").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        int tunes = (await client.ListTunesAsync(0, cancellationToken).ConfigureAwait(false)).Count;
        await output.WriteLineAsync($"  key       accepted; {tunes} tune(s) on the first page ({Seconds(clock)})").ConfigureAwait(false);

        clock.Restart();
        byte[] photo;
        using (Image gray = Image.Create(512, 512, PixelFormat.Rgb24))
        {
            photo = ImageEncoder.EncodeToBytes(gray, ImageFormat.Jpeg);
        }

        AstriaTune tune = await client.CreateTuneAsync(
            new AstriaTuneRequest { Name = "person", Title = $"likeness-check-{Guid.NewGuid():N}", Branch = "fast", Images = [new AstriaUpload("check.jpg", photo, "image/jpeg")] },
            cancellationToken).ConfigureAwait(false);
        try
        {
            tune = await UntilTrainedAsync(client, tune, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  tune      {tune.Id} on the fast branch: trained_at set in {Seconds(clock)}").ConfigureAwait(false);

            clock.Restart();
            AstriaPrompt prompt = await client.RunPromptAsync(tune.Id, new AstriaPromptRequest { Text = "ohwx person, portrait", NumImages = 1, Seed = 1 }, cancellationToken).ConfigureAwait(false);
            string image = prompt.Images.Count > 0 ? prompt.Images[0] : throw new AstriaException($"Astria prompt {prompt.Id} finished with no images.");
            byte[] bytes = await client.DownloadAsync(image, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  prompt    {prompt.Id}: {prompt.Images.Count} mock image(s) in {Seconds(clock)}, {bytes.Length} bytes downloaded").ConfigureAwait(false);
        }
        finally
        {
            await client.DeleteTuneAsync(tune.Id, CancellationToken.None).ConfigureAwait(false);
        }

        await output.WriteLineAsync("astria is ready (the check used the free fast branch and deleted its tune).").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Polls quickly at first (mock tunes finish within about a minute), then at the client's interval.</summary>
    private static async Task<AstriaTune> UntilTrainedAsync(AstriaClient client, AstriaTune tune, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(250);
        while (!tune.IsTrained)
        {
            if (waited.Elapsed > Patience)
            {
                throw new AstriaException($"Mock tune {tune.Id} was not trained within {Patience.TotalMinutes:0} minutes.");
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, client.Options.PollInterval.Ticks));
            tune = await client.GetTuneAsync(tune.Id, cancellationToken).ConfigureAwait(false);
        }

        return tune;
    }

    private static string Seconds(Stopwatch clock) => string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} s");
}
