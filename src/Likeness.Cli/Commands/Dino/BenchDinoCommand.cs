using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Bench;
using Likeness.Cli.Hosting;
using Likeness.Inference.Dino;

namespace Likeness.Cli.Commands.Dino;

/// <summary>
/// <c>likeness bench dino [--random-weights vit-s-14] [--model DIR] [--threads N] [--batch B] [--size S] [--iterations K] [--json]</c>:
/// median milliseconds per image at S×S (224 by default, the HF crop) and GFLOP/s.
/// </summary>
internal static class BenchDinoCommand
{
    public static Command Create()
    {
        var randomWeights = new Option<string?>("--random-weights")
        {
            Description = "Time a model of this architecture (vit-s-14, vit-b-14, vit-s-14-reg4) with random weights instead of the installed one.",
        };
        var model = DinoModelOption.Create();
        var threads = new Option<int>("--threads") { Description = "Threads per forward pass (0 = every core).", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Images per forward pass.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Input side in pixels (a multiple of the patch size).", DefaultValueFactory = _ => 224 };
        var iterations = new Option<int>("--iterations") { Description = "Timed runs (after 2 warm-ups).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var command = new Command("dino", "Time DINOv2: milliseconds per image and GFLOP/s.") { randomWeights, model, threads, batch, size, iterations, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            int batchSize = parse.GetValue(batch), runs = parse.GetValue(iterations), threadCount = parse.GetValue(threads), side = parse.GetValue(size);
            if (batchSize < 1 || runs < 1 || threadCount < 0)
            {
                throw new CliUsageException("--batch and --iterations must be at least 1, --threads at least 0.");
            }

            using RandomWeightsFolder? random = RandomWeightsFolder.Create(
                parse.GetValue(randomWeights), DinoConfig.Presets, "dino", (directory, config) => DinoRandomWeights.WriteModel(directory, config));
            using DinoEmbedder embedder = DinoModelOption.Load(random?.Directory ?? parse.GetValue(model));
            var dino = (DinoModel)embedder.Model;
            if (side < dino.Config.PatchSize || side % dino.Config.PatchSize != 0)
            {
                throw new CliUsageException($"--size must be a positive multiple of the patch size {dino.Config.PatchSize}.");
            }

            dino.DegreeOfParallelism = threadCount;
            var noise = new Random(1);
            float[] pixels = [.. Enumerable.Range(0, batchSize * 3 * side * side).Select(_ => (noise.NextSingle() * 4f) - 2f)];
            float[] output = new float[batchSize * dino.EmbeddingDimension];
            (double wall, double cpu) = BenchClipCommand.Median(runs, () => dino.EmbedImages(pixels, batchSize, side, side, output), cancellationToken);
            double perImage = wall / batchSize;
            var result = new BenchDinoResult(
                parse.GetValue(randomWeights) ?? "installed",
                threadCount,
                batchSize,
                side,
                runs,
                Math.Round(perImage, 3),
                Math.Round(cpu / batchSize, 3),
                Math.Round(DinoCost.ImageFlops(dino.Config, side, side) / (perImage * 1e6), 1));
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(result) : result.ToText()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The <c>bench dino</c> result.</summary>
internal sealed record BenchDinoResult(
    string Model, int Threads, int Batch, int Size, int Iterations, double ImageMsMedian, double ImageCpuMsMedian, double ImageGflops)
{
    public string ToText() => string.Create(
        CultureInfo.InvariantCulture,
        $"dino {Model}, {Threads} thread(s), batch {Batch}, {Size}px: image {ImageMsMedian:F2} ms/image ({ImageGflops:F1} GFLOP/s, cpu {ImageCpuMsMedian:F2} ms), median of {Iterations}");
}
