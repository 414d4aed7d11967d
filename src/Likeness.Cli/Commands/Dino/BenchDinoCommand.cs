using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Bench;
using Likeness.Cli.Hosting;
using Likeness.Inference.Dino;
using Likeness.Inference.Onnx.Dino;
using Likeness.Inference.Vision;

namespace Likeness.Cli.Commands.Dino;

/// <summary>
/// <c>likeness bench dino [--random-weights vit-s-14] [--model DIR] [--threads N] [--batch B] [--size S] [--iterations K] [--backend ours|onnx --onnx DIR] [--json]</c>:
/// median milliseconds per image at S×S (224 by default, the HF crop) and GFLOP/s, on our engine or on ONNX Runtime
/// (the same weights' export). <c>--write-weights DIR</c> keeps the random-weights model for exporting it.
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
        var backend = new BenchBackend();
        var command = new Command("dino", "Time DINOv2: milliseconds per image and GFLOP/s.") { randomWeights, model, threads, batch, size, iterations, json };
        foreach (Option option in backend.All)
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            int batchSize = parse.GetValue(batch), runs = parse.GetValue(iterations), threadCount = parse.GetValue(threads), side = parse.GetValue(size);
            if (batchSize < 1 || runs < 1 || threadCount < 0)
            {
                throw new CliUsageException("--batch and --iterations must be at least 1, --threads at least 0.");
            }

            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(backend.WriteWeights) is { } keep)
            {
                RandomWeightsFolder.WriteTo(parse.GetValue(randomWeights), DinoConfig.Presets, keep.FullName, (directory, config) => DinoRandomWeights.WriteModel(directory, config));
                await output.WriteLineAsync($"wrote {keep.FullName}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            string? onnx = BenchBackend.OnnxFolder(parse, backend);
            using RandomWeightsFolder? random = onnx is not null ? null : RandomWeightsFolder.Create(
                parse.GetValue(randomWeights), DinoConfig.Presets, "dino", (directory, config) => DinoRandomWeights.WriteModel(directory, config));
            using IImageEmbedder tower = onnx is not null
                ? OnnxDinoModel.Load(onnx, BenchBackend.Sessions(threadCount))
                : DinoModelOption.Load(random?.Directory ?? parse.GetValue(model)).Model;
            DinoConfig dinoConfig = tower is OnnxDinoModel exported ? exported.Config : ((DinoModel)tower).Config;
            if (side < tower.PatchSize || side % tower.PatchSize != 0)
            {
                throw new CliUsageException($"--size must be a positive multiple of the patch size {tower.PatchSize}.");
            }

            if (tower is DinoModel ours)
            {
                ours.DegreeOfParallelism = threadCount;
            }

            var noise = new Random(1);
            float[] pixels = [.. Enumerable.Range(0, batchSize * 3 * side * side).Select(_ => (noise.NextSingle() * 4f) - 2f)];
            float[] embeddings = new float[batchSize * tower.EmbeddingDimension];
            (double wall, double cpu) = BenchClipCommand.Median(runs, () => tower.EmbedImages(pixels, batchSize, side, side, embeddings), cancellationToken);
            double perImage = wall / batchSize;
            var result = new BenchDinoResult(
                onnx is not null ? Path.GetFileName(onnx) : parse.GetValue(randomWeights) ?? parse.GetValue(model)?.Name ?? "installed",
                onnx is not null ? BenchBackend.Onnx : BenchBackend.Ours,
                threadCount,
                batchSize,
                side,
                runs,
                Math.Round(perImage, 3),
                Math.Round(cpu / batchSize, 3),
                Math.Round(DinoCost.ImageFlops(dinoConfig, side, side) / (perImage * 1e6), 1));
            await output.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(result) : result.ToText()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The <c>bench dino</c> result.</summary>
internal sealed record BenchDinoResult(
    string Model, string Backend, int Threads, int Batch, int Size, int Iterations, double ImageMsMedian, double ImageCpuMsMedian, double ImageGflops)
{
    public string ToText() => string.Create(
        CultureInfo.InvariantCulture,
        $"dino {Model} on {Backend}, {Threads} thread(s), batch {Batch}, {Size}px: image {ImageMsMedian:F2} ms/image ({ImageGflops:F1} GFLOP/s, cpu {ImageCpuMsMedian:F2} ms), median of {Iterations}");
}
