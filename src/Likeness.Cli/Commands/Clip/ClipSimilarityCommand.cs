using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Images;
using Likeness.Imaging;

namespace Likeness.Cli.Commands.Clip;

/// <summary><c>likeness clip similarity IMAGE_A IMAGE_B [--model DIR] [--json]</c>: CLIP-I.</summary>
internal static class ClipSimilarityCommand
{
    public static Command Create()
    {
        var first = new Argument<FileInfo>("IMAGE_A") { Description = "The first image." };
        var second = new Argument<FileInfo>("IMAGE_B") { Description = "The second image." };
        return ClipQueryCommand.Complete(
            new Command("similarity", "CLIP-I: cosine similarity of two images' CLIP embeddings.")
            {
                first,
                second,
            },
            "Print {\"cosine\":...} on one line.",
            validate: null,
            (parse, embedder) =>
            {
                using Image a = AnalysisImage.Load(parse.GetValue(first)!);
                using Image b = AnalysisImage.Load(parse.GetValue(second)!);
                return new SimilarityView(embedder.ImageSimilarity(a, b));
            },
            view => string.Create(CultureInfo.InvariantCulture, $"clip-i cosine {view.Cosine:F6}"));
    }
}

/// <summary>The <c>clip similarity --json</c> output.</summary>
internal sealed record SimilarityView(float Cosine);
