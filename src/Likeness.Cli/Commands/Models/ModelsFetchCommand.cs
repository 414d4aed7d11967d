using System.CommandLine;
using Likeness.Cli.Commands.Dino;
using Likeness.Cli.Hosting;
using Likeness.Inference.Clip;
using Likeness.Inference.Dino;
using Likeness.Inference.Safetensors;

namespace Likeness.Cli.Commands.Models;

/// <summary>
/// <c>likeness models fetch clip|dino [--cache DIR] [--endpoint URL]</c>: download openai/clip-vit-base-patch32 or facebook/dinov2-small at the pinned
/// revision, resumable, hash-checked, with a progress bar on stderr.
/// </summary>
internal static class ModelsFetchCommand
{
    private const int BarWidth = 30;

    public static Command Create()
    {
        var kind = new Argument<string>("MODEL") { Description = "Which model: clip or dino." };
        var cache = ModelsCommand.CacheOption();
        var endpoint = new Option<string?>("--endpoint") { Description = "The hub to download from (default: $HF_ENDPOINT or https://huggingface.co)." };
        var command = new Command("fetch", $"Download {ClipModelFetcher.Repository}@{ClipModelFetcher.Revision[..7]} (clip, about 605 MB) or {DinoModelFetcher.Repository}@{DinoModelFetcher.Revision[..7]} (dino, about 88 MB); resumes if interrupted; hashes checked.")
        {
            kind,
            cache,
            endpoint,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            bool dino = parse.GetValue(kind) == "dino";
            ClipModelStore? store = dino ? null : ModelsImportCommand.StoreFor(parse.GetValue(kind)!, parse.GetValue(cache));
            TextWriter error = parse.InvocationConfiguration.Error;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            Uri hub = ParseEndpoint(parse.GetValue(endpoint));
            var bar = new ProgressBar(error);
            string installed;
            try
            {
                installed = store is null
                    ? await DinoModelInstall.FetchAsync(http, hub, parse.GetValue(cache), bar, cancellationToken).ConfigureAwait(false)
                    : await FetchClipAsync(http, hub, store, bar, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or HttpIOException)
            {
                await bar.EndAsync().ConfigureAwait(false);
                throw new IOException($"Download failed ({ex.Message}); run the same command again to resume.", ex);
            }
            catch (InvalidModelException ex)
            {
                await bar.EndAsync().ConfigureAwait(false);
                throw new IOException(ex.Message, ex);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException)
            {
                // A mirror that answers with a web page or a broken file: say where, not how the parser failed.
                await bar.EndAsync().ConfigureAwait(false);
                throw new IOException($"{hub} did not answer with the model's files (a file that should be JSON is not); check --endpoint or HF_ENDPOINT.", ex);
            }

            await bar.EndAsync().ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(installed).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> FetchClipAsync(HttpClient http, Uri hub, ClipModelStore store, ProgressBar bar, CancellationToken cancellationToken)
    {
        ClipConfig config = await new ClipModelFetcher(http, hub).FetchAsync(store, bar, cancellationToken).ConfigureAwait(false);
        return $"Installed {ClipModelFetcher.Repository} ({ModelsImportCommand.Describe(config)}) into {store.ClipDirectory}.";
    }

    private static Uri ParseEndpoint(string? value)
    {
        if (value is null)
        {
            return ClipModelFetcher.DefaultEndpoint;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliUsageException($"--endpoint must be an http(s) URL, got '{value}'.");
    }

    /// <summary>Redraws one line per whole percent: <c>[#####.....]  42% model.safetensors 254/605 MB</c>.</summary>
    private sealed class ProgressBar(TextWriter writer) : IProgress<ClipFetchProgress>
    {
        private string _file = string.Empty;
        private long _percent = -1;

        /// <summary>Ends the bar's line, when one was drawn.</summary>
        public Task EndAsync() => _percent < 0 ? Task.CompletedTask : writer.WriteLineAsync();

        public void Report(ClipFetchProgress value)
        {
            long percent = value.Total == 0 ? 100 : value.Received * 100 / value.Total;
            if (percent == _percent && value.File == _file)
            {
                return;
            }

            if (value.File != _file && _file.Length > 0)
            {
                writer.WriteLine();
            }

            _file = value.File;
            _percent = percent;
            int filled = (int)(percent * BarWidth / 100);
            writer.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {percent,3}% {value.File} {value.Received >> 20}/{value.Total >> 20} MB");
        }
    }
}
