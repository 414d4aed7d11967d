using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Images;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Inference.Faces;

namespace Likeness.Cli.Commands.Faces;

/// <summary><c>likeness faces detect IMAGE [--json] [--alignment faceapi|affine]</c>: every face in the pipeline's order.</summary>
internal static class FacesDetectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("IMAGE") { Description = "The image file." };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON: {\"faces\":[{score, box, landmarks, descriptor}]}." };
        var shared = new FaceCliOptions();
        var command = new Command("detect", "Find faces with their score, box, 68 landmarks and identity descriptor.") { file, json };
        shared.AddTo(command, withAlignment: true);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            FaceAnalyzer analyzer = shared.CreateAnalyzer(parse);
            using Image image = AnalysisImage.Load(parse.GetValue(file)!);
            IReadOnlyList<AnalyzedFace> faces = analyzer.Analyze(image);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(CliJson.Serialize(new FacesView([.. faces.Select(FaceView.From)]))).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"{faces.Count} face{(faces.Count == 1 ? "" : "s")} ({analyzer.Options.Alignment.ToString().ToLowerInvariant()} alignment)").ConfigureAwait(false);
            for (int i = 0; i < faces.Count; i++)
            {
                FaceBox b = faces[i].Box;
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"#{i}: score {faces[i].Score:F3}, box x {b.X:F1} y {b.Y:F1} w {b.Width:F1} h {b.Height:F1}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The <c>faces detect --json</c> document (field names as in the face-api goldens).</summary>
internal sealed record FacesView(IReadOnlyList<FaceView> Faces);

/// <summary>One face: score, box {x, y, width, height}, landmarks [[x, y] × 68], descriptor [128].</summary>
internal sealed record FaceView(double Score, BoxView Box, double[][] Landmarks, float[] Descriptor)
{
    public static FaceView From(AnalyzedFace face) => new(
        face.Score,
        new BoxView(face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height),
        [.. face.Landmarks.Select(p => new[] { p.X, p.Y })],
        face.Descriptor);
}

/// <summary>A box in pixels.</summary>
internal sealed record BoxView(double X, double Y, double Width, double Height);
