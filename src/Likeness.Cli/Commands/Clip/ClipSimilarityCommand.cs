using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Inference.Clip;

namespace Likeness.Cli.Commands.Clip;

/// <summary><c>likeness clip similarity IMAGE_A IMAGE_B [--model DIR] [--json]</c>: CLIP-I.</summary>
internal static class ClipSimilarityCommand
{
    public static Command Create()
    {
        var first = new Argument<FileInfo>("IMAGE_A") { Description = "The first image." };
        var second = new Argument<FileInfo>("IMAGE_B") { Description = "The second image." };
        var model = ClipModelOption.Create();
        var json = new Option<bool>("--json") { Description = "Print {\"cosine\":...} on one line." };
        var command = new Command("similarity", "CLIP-I: cosine similarity of two images' CLIP embeddings.")
        {
            first,
            second,
            model,
            json,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            using ClipEmbedder embedder = ClipModelOption.Load(parse.GetValue(model));
            using DecodedImage a = ImageDecoder.DecodeFile(parse.GetValue(first)!.FullName);
            using DecodedImage b = ImageDecoder.DecodeFile(parse.GetValue(second)!.FullName);
            float cosine = embedder.ImageSimilarity(a.Image, b.Image);
            TextWriter output = parse.InvocationConfiguration.Output;
            string line = parse.GetValue(json)
                ? CliJson.Serialize(new SimilarityView(cosine))
                : string.Create(CultureInfo.InvariantCulture, $"clip-i cosine {cosine:F6}");
            await output.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The <c>clip similarity --json</c> output.</summary>
internal sealed record SimilarityView(float Cosine);
