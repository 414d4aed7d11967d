using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Images;
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
        return ClipQueryCommand.Complete(
            new Command("score", "CLIP-T: how well an image follows a text (cosine, and the logit = exp(logit_scale) x cosine).")
            {
                image,
                text,
            },
            "Print {\"cosine\":...,\"logit\":...} on one line.",
            validate: null,
            (parse, embedder) =>
            {
                using Image picture = AnalysisImage.Load(parse.GetValue(image)!);
                ClipTextScore score = embedder.TextScore(picture, parse.GetValue(text)!);
                return new ScoreView(score.Cosine, score.Logit);
            },
            view => string.Create(CultureInfo.InvariantCulture, $"clip-t cosine {view.Cosine:F6}  logit {view.Logit:F4}"));
    }
}

/// <summary>The <c>clip score --json</c> output.</summary>
internal sealed record ScoreView(float Cosine, float Logit);
