using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Inference.Clip;

namespace Likeness.Cli.Commands.Clip;

/// <summary><c>likeness clip embed (--image FILE | --text TEXT) [--model DIR] [--json]</c>.</summary>
internal static class ClipEmbedCommand
{
    public static Command Create()
    {
        var image = new Option<FileInfo?>("--image") { Description = "An image file to embed (JPEG, PNG, PPM)." };
        var text = new Option<string?>("--text") { Description = "A text to embed." };
        var model = ClipModelOption.Create();
        var json = new Option<bool>("--json") { Description = "Print {\"embedding\":[...],\"normalized\":[...]} on one line." };
        var command = new Command("embed", "Print the CLIP embedding of an image or a text (projected; also L2-normalised with --json).")
        {
            image,
            text,
            model,
            json,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            FileInfo? imageFile = parse.GetValue(image);
            string? prompt = parse.GetValue(text);
            if ((imageFile is null) == (prompt is null))
            {
                throw new CliUsageException("Give exactly one of --image FILE or --text TEXT.");
            }

            using ClipEmbedder embedder = ClipModelOption.Load(parse.GetValue(model));
            float[] embedding = imageFile is not null ? embedder.EmbedImageFile(imageFile.FullName) : embedder.EmbedText(prompt!);
            TextWriter output = parse.InvocationConfiguration.Output;
            string line = parse.GetValue(json)
                ? CliJson.Serialize(new EmbeddingView(embedding, ClipMetrics.Normalize(embedding)))
                : string.Join(' ', embedding.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            await output.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The <c>clip embed --json</c> output.</summary>
internal sealed record EmbeddingView(float[] Embedding, float[] Normalized);
