using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Inference.Clip;

namespace Likeness.Cli.Commands.Clip;

/// <summary><c>likeness clip score IMAGE TEXT [--model DIR] [--json]</c>: CLIP-T.</summary>
internal static class ClipScoreCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("IMAGE") { Description = "The image." };
        var text = new Argument<string>("TEXT") { Description = "The prompt it should follow." };
        var model = ClipModelOption.Create();
        var json = new Option<bool>("--json") { Description = "Print {\"cosine\":...,\"logit\":...} on one line." };
        var command = new Command("score", "CLIP-T: how well an image follows a text (cosine, and the logit = exp(logit_scale) x cosine).")
        {
            image,
            text,
            model,
            json,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            using ClipEmbedder embedder = ClipModelOption.Load(parse.GetValue(model));
            using DecodedImage decoded = ImageDecoder.DecodeFile(parse.GetValue(image)!.FullName);
            ClipTextScore score = embedder.TextScore(decoded.Image, parse.GetValue(text)!);
            TextWriter output = parse.InvocationConfiguration.Output;
            string line = parse.GetValue(json)
                ? CliJson.Serialize(new ScoreView(score.Cosine, score.Logit))
                : string.Create(CultureInfo.InvariantCulture, $"clip-t cosine {score.Cosine:F6}  logit {score.Logit:F4}");
            await output.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The <c>clip score --json</c> output.</summary>
internal sealed record ScoreView(float Cosine, float Logit);
