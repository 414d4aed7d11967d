using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Images;
using Likeness.Cli.Commands.Clip;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Inference.Clip;
using Likeness.Inference.Dino;

namespace Likeness.Cli.Commands.Dino;

/// <summary><c>likeness dino embed IMAGE [--model DIR] [--json]</c> and <c>likeness dino similarity A B [--model DIR] [--json]</c>.</summary>
internal static class DinoCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("IMAGE") { Description = "An image file to embed (JPEG, PNG, PPM)." };
        var embed = Query(
            new Command("embed", "Print the DINOv2 embedding of an image (pooled class token; also L2-normalised with --json).") { image },
            "Print {\"embedding\":[...],\"normalized\":[...]} on one line.",
            (parse, embedder) =>
            {
                using Image picture = AnalysisImage.Load(parse.GetValue(image)!);
                float[] embedding = embedder.EmbedImage(picture);
                return new EmbeddingView(embedding, ClipMetrics.Normalize(embedding));
            },
            view => string.Join(' ', view.Embedding.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

        var first = new Argument<FileInfo>("IMAGE_A") { Description = "The first image." };
        var second = new Argument<FileInfo>("IMAGE_B") { Description = "The second image." };
        var similarity = Query(
            new Command("similarity", "DINO-I: cosine similarity of two images' DINOv2 embeddings.") { first, second },
            "Print {\"cosine\":...} on one line.",
            (parse, embedder) =>
            {
                using Image a = AnalysisImage.Load(parse.GetValue(first)!);
                using Image b = AnalysisImage.Load(parse.GetValue(second)!);
                return new SimilarityView(embedder.ImageSimilarity(a, b));
            },
            view => string.Create(CultureInfo.InvariantCulture, $"dino-i cosine {view.Cosine:F6}"));

        return new Command("dino", "DINOv2 (facebook/dinov2-* with and without registers): whole-image identity embeddings.") { embed, similarity };
    }

    /// <summary>Adds <c>--model</c> and <c>--json</c>; the action loads the model, computes the view and prints it.</summary>
    private static Command Query<TView>(Command command, string jsonDescription, Func<ParseResult, DinoEmbedder, TView> compute, Func<TView, string> format)
    {
        var model = DinoModelOption.Create();
        var json = new Option<bool>("--json") { Description = jsonDescription };
        command.Add(model);
        command.Add(json);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            TView view;
            using (DinoEmbedder embedder = DinoModelOption.Load(parse.GetValue(model)))
            {
                view = compute(parse, embedder);
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(view) : format(view)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
