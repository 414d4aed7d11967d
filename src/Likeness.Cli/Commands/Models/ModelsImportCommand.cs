using System.CommandLine;
using Likeness.Cli.Commands.Dino;
using Likeness.Cli.Hosting;
using Likeness.Inference.Clip;
using Likeness.Inference.Safetensors;

namespace Likeness.Cli.Commands.Models;

/// <summary><c>likeness models import clip|dino DIR [--cache DIR]</c>: check a Hugging Face CLIP or DINOv2 snapshot and copy it into the cache.</summary>
internal static class ModelsImportCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("MODEL") { Description = "Which model: clip or dino." };
        var source = new Argument<DirectoryInfo>("DIR") { Description = "A Hugging Face snapshot folder with config.json and model.safetensors." };
        var cache = ModelsCommand.CacheOption();
        var command = new Command("import", "Check a downloaded model folder (config, every tensor's name and shape) and install it.")
        {
            kind,
            source,
            cache,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            DirectoryInfo from = parse.GetValue(source)!;
            if (parse.GetValue(kind) == "dino")
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(DinoModelInstall.Import(from, parse.GetValue(cache))).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            ClipModelStore store = StoreFor(parse.GetValue(kind)!, parse.GetValue(cache));
            ClipConfig config;
            try
            {
                config = store.Import(from.FullName);
            }
            catch (InvalidModelException ex)
            {
                throw new CliUsageException($"{from.FullName} is not a usable CLIP model: {ex.Message}");
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Installed CLIP ({Describe(config)}) from {from.FullName} into {store.ClipDirectory}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static ClipModelStore StoreFor(string kind, DirectoryInfo? cache)
    {
        if (kind != "clip")
        {
            throw new CliUsageException($"Unknown model '{kind}'; this command installs: clip, dino.");
        }

        return cache is null ? ClipModelStore.Default : new ClipModelStore(cache.FullName);
    }

    internal static string Describe(ClipConfig config) =>
        $"vision {config.Vision.HiddenSize}x{config.Vision.NumHiddenLayers} patch {config.Vision.PatchSize}, text {config.Text.HiddenSize}x{config.Text.NumHiddenLayers}, projection {config.ProjectionDim}";
}
