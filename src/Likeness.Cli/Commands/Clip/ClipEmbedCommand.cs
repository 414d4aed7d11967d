using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Images;
using Likeness.Imaging;
using Likeness.Inference.Clip;

namespace Likeness.Cli.Commands.Clip;

/// <summary><c>likeness clip embed (--image FILE | --text TEXT) [--model DIR] [--json]</c>.</summary>
internal static class ClipEmbedCommand
{
    public static Command Create()
    {
        var image = new Option<FileInfo?>("--image") { Description = "An image file to embed (JPEG, PNG, PPM)." };
        var text = new Option<string?>("--text") { Description = "A text to embed." };
        return ClipQueryCommand.Complete(
            new Command("embed", "Print the CLIP embedding of an image or a text (projected; also L2-normalised with --json).")
            {
                image,
                text,
            },
            "Print {\"embedding\":[...],\"normalized\":[...]} on one line.",
            parse =>
            {
                if ((parse.GetValue(image) is null) == (parse.GetValue(text) is null))
                {
                    throw new CliUsageException("Give exactly one of --image FILE or --text TEXT.");
                }
            },
            (parse, embedder) =>
            {
                FileInfo? imageFile = parse.GetValue(image);
                float[] embedding = imageFile is not null ? EmbedImage(embedder, imageFile) : embedder.EmbedText(parse.GetValue(text)!);
                return new EmbeddingView(embedding, ClipMetrics.Normalize(embedding));
            },
            view => string.Join(' ', view.Embedding.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }

    private static float[] EmbedImage(ClipEmbedder embedder, FileInfo file)
    {
        using Image picture = AnalysisImage.Load(file);
        return embedder.EmbedImage(picture);
    }
}

/// <summary>The <c>clip embed --json</c> output.</summary>
internal sealed record EmbeddingView(float[] Embedding, float[] Normalized);
