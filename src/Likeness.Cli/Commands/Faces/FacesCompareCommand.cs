using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Images;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Inference.Faces;

namespace Likeness.Cli.Commands.Faces;

/// <summary>
/// <c>likeness faces compare A B [--json]</c>: descriptor distance between the largest face of each image and the
/// verdict against face-api's 0.6 threshold. Exits 0 whatever the verdict; 2 when an image has no face.
/// </summary>
internal static class FacesCompareCommand
{
    public static Command Create()
    {
        var first = new Argument<FileInfo>("A") { Description = "First image." };
        var second = new Argument<FileInfo>("B") { Description = "Second image." };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON: {\"distance\", \"threshold\", \"same_person\"}." };
        var shared = new FaceCliOptions();
        var command = new Command("compare", "Are the largest faces of two images the same person?") { first, second, json };
        shared.AddTo(command, withAlignment: true);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            FaceAnalyzer analyzer = shared.CreateAnalyzer(parse);
            float[] a = LargestFace(analyzer, parse.GetValue(first)!);
            float[] b = LargestFace(analyzer, parse.GetValue(second)!);
            double distance = FaceAnalyzer.Distance(a, b);
            var result = new CompareView(distance, FaceAnalyzer.SamePersonThreshold, distance < FaceAnalyzer.SamePersonThreshold);
            TextWriter output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(parse.GetValue(json)
                ? CliJson.Serialize(result)
                : string.Create(CultureInfo.InvariantCulture, $"distance {distance:F4} (threshold {result.Threshold}): {(result.SamePerson ? "same person" : "different people")}")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static float[] LargestFace(FaceAnalyzer analyzer, FileInfo file)
    {
        using Image image = AnalysisImage.Load(file);
        AnalyzedFace? largest = analyzer.Analyze(image).MaxBy(f => f.Box.Width * f.Box.Height);
        return largest?.Descriptor ?? throw new CliUsageException($"{file.Name}: no face found.");
    }
}

/// <summary>The <c>faces compare --json</c> document.</summary>
internal sealed record CompareView(double Distance, double Threshold, bool SamePerson);
