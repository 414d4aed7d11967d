using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Likeness.Cli.Commands.Clip;
using Likeness.Cli.Hosting;
using Likeness.Inference.Clip;
using Likeness.Inference.Onnx.Clip;
using Likeness.Inference.Tokenization;

namespace Likeness.Cli.Commands.Bench;

/// <summary>
/// <c>likeness bench clip [--random-weights vit-b-32] [--threads N] [--batch B] [--iterations K] [--backend ours|onnx --onnx DIR] [--json]</c>:
/// median milliseconds per image (batch B) and per 20-token prompt, with GFLOP/s, on our engine or on ONNX Runtime
/// (the same towers' export). <c>--write-weights DIR</c> keeps the random-weights model for exporting it.
/// </summary>
internal static class BenchClipCommand
{
    /// <summary>The timed prompt: 18 BPE tokens + start + end = 20 positions.</summary>
    internal const string Prompt = "close-up portrait of a young woman with red hair and green eyes, soft studio light";

    public static Command Create()
    {
        var randomWeights = new Option<string?>("--random-weights")
        {
            Description = "Time a model of this architecture (vit-b-32, vit-b-16, vit-l-14) with random weights instead of the installed one.",
        };
        var model = ClipModelOption.Create();
        var threads = new Option<int>("--threads") { Description = "Threads per forward pass (0 = every core).", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Images per forward pass.", DefaultValueFactory = _ => 1 };
        var iterations = new Option<int>("--iterations") { Description = "Timed runs of each tower (after 2 warm-ups).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var backend = new BenchBackend();
        var command = new Command("clip", "Time the CLIP towers: milliseconds per image and per 20-token prompt, and GFLOP/s.")
        {
            randomWeights,
            model,
            threads,
            batch,
            iterations,
            json,
        };
        foreach (Option option in backend.All)
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            int batchSize = parse.GetValue(batch), runs = parse.GetValue(iterations), threadCount = parse.GetValue(threads);
            if (batchSize < 1 || runs < 1 || threadCount < 0)
            {
                throw new CliUsageException("--batch and --iterations must be at least 1, --threads at least 0.");
            }

            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(backend.WriteWeights) is { } keep)
            {
                RandomWeightsFolder.WriteTo(parse.GetValue(randomWeights), ClipConfig.Presets, keep.FullName, (directory, config) => ClipRandomWeights.WriteModel(directory, config));
                await output.WriteLineAsync($"wrote {keep.FullName}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            string name = parse.GetValue(randomWeights) ?? parse.GetValue(model)?.Name ?? "installed";
            BenchClipResult result;
            if (BenchBackend.OnnxFolder(parse, backend) is { } onnx)
            {
                using OnnxClipTowers towers = OnnxClipTowers.Load(onnx, BenchBackend.Sessions(threadCount));
                result = Measure(towers, ClipConfig.Load(Path.Combine(onnx, "config.json")), Path.GetFileName(onnx), BenchBackend.Onnx, batchSize, runs, threadCount, cancellationToken);
            }
            else
            {
                using RandomWeightsFolder? random = RandomWeightsFolder.Create(
                    parse.GetValue(randomWeights), ClipConfig.Presets, "clip", (directory, config) => ClipRandomWeights.WriteModel(directory, config));
                using ClipEmbedder embedder = ClipModelOption.Load(random?.Directory ?? parse.GetValue(model));
                var ours = (ClipModel)embedder.Model;
                ours.DegreeOfParallelism = threadCount;
                result = Measure(ours, ours.Config, name, BenchBackend.Ours, batchSize, runs, threadCount, cancellationToken);
            }

            await output.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(result) : result.ToText()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static BenchClipResult Measure(IClipTowers model, ClipConfig config, string name, string backend, int batch, int runs, int threads, CancellationToken cancellationToken)
    {
        var random = new Random(1);
        float[] pixels = new float[batch * model.PixelCount];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (random.NextSingle() * 4f) - 2f;
        }

        float[] imageOut = new float[batch * model.EmbeddingDimension];
        int[] ids = ClipTokenizer.Default.Tokenize(Prompt, config.Text.MaxPositionEmbeddings);
        int positions = Array.IndexOf(ids, ClipTokenizer.EndOfTextId) + 1;
        float[] textOut = new float[model.EmbeddingDimension];

        (double imageWall, double imageCpu) = Median(runs, () => model.EmbedImages(pixels, batch, imageOut), cancellationToken);
        (double textMs, double textCpu) = Median(runs, () => model.EmbedTokens([ids], textOut), cancellationToken);
        double imageMs = imageWall / batch;
        return new BenchClipResult(
            name,
            backend,
            threads,
            batch,
            runs,
            Math.Round(imageMs, 3),
            Math.Round(textMs, 3),
            Math.Round(imageCpu / batch, 3),
            Math.Round(textCpu, 3),
            positions,
            Math.Round(ClipCost.VisionFlops(config) / (imageMs * 1e6), 1),
            Math.Round(ClipCost.TextFlops(config, positions) / (textMs * 1e6), 1));
    }

    /// <summary>Median wall-clock and process-CPU milliseconds of <paramref name="runs"/> runs after two warm-ups.</summary>
    internal static (double Wall, double Cpu) Median(int runs, Action run, CancellationToken cancellationToken)
    {
        run();
        run();
        double[] wall = new double[runs], cpu = new double[runs];
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            process.Refresh();
            TimeSpan cpuStart = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            run();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        }

        return (Samples.Median(wall), Samples.Median(cpu));
    }

}

/// <summary>The <c>bench clip</c> result.</summary>
internal sealed record BenchClipResult(
    string Model,
    string Backend,
    int Threads,
    int Batch,
    int Iterations,
    double ImageMsMedian,
    double TextMsMedian,
    double ImageCpuMsMedian,
    double TextCpuMsMedian,
    int TextTokens,
    double ImageGflops,
    double TextGflops)
{
    public string ToText() => string.Create(
        CultureInfo.InvariantCulture,
        $"clip {Model} on {Backend}, {Threads} thread(s), batch {Batch}: image {ImageMsMedian:F2} ms/image ({ImageGflops:F1} GFLOP/s, cpu {ImageCpuMsMedian:F2} ms), text {TextTokens} tokens {TextMsMedian:F2} ms ({TextGflops:F1} GFLOP/s, cpu {TextCpuMsMedian:F2} ms), median of {Iterations}");
}
