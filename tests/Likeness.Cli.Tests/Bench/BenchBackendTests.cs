using System.Text.Json;
using Likeness.Inference.Dino;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Bench;

/// <summary><c>bench clip|dino --backend ours|onnx</c> on the tiny models and their committed ONNX exports.</summary>
public sealed class BenchBackendTests
{
    [Fact]
    public async Task Bench_dino_times_our_engine_and_onnx_runtime_on_the_same_weights()
    {
        (int oursCode, string ours, _) = await CliRunner.RunAsync(
            "bench", "dino", "--model", RepoPaths.TestData("dinov2-tiny", "dinov2-tiny"), "--batch", "2", "--iterations", "1", "--json");
        (int onnxCode, string onnx, _) = await CliRunner.RunAsync(
            "bench", "dino", "--backend", "onnx", "--onnx", RepoPaths.TestData("dinov2-tiny-onnx", "dinov2-tiny"), "--batch", "2", "--iterations", "1", "--json");

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (oursCode, onnxCode));
        JsonElement a = JsonDocument.Parse(ours).RootElement, b = JsonDocument.Parse(onnx).RootElement;
        Assert.Equal(("ours", "onnx"), (a.GetProperty("backend").GetString(), b.GetProperty("backend").GetString()));
        Assert.All([a, b], j => Assert.True(j.GetProperty("image_ms_median").GetDouble() > 0));
        // Same config, same FLOP count: GFLOP/s differ only by time.
        Assert.Equal(
            a.GetProperty("image_gflops").GetDouble() * a.GetProperty("image_ms_median").GetDouble(),
            b.GetProperty("image_gflops").GetDouble() * b.GetProperty("image_ms_median").GetDouble(),
            0.1 * a.GetProperty("image_gflops").GetDouble() * a.GetProperty("image_ms_median").GetDouble());
    }

    [Fact]
    public async Task Bench_clip_times_onnx_runtime_on_a_split_export()
    {
        (int code, string output, _) = await CliRunner.RunAsync("bench", "clip", "--backend", "onnx", "--onnx", RepoPaths.TestData("clip-tiny-onnx"), "--iterations", "1", "--json");

        Assert.Equal(ExitCodes.Success, code);
        JsonElement json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("onnx", json.GetProperty("backend").GetString());
        Assert.True(json.GetProperty("image_ms_median").GetDouble() > 0);
        Assert.True(json.GetProperty("text_ms_median").GetDouble() > 0);
    }

    [Theory]
    [InlineData("dino", "--backend", "onnx")]
    [InlineData("clip", "--backend", "tpu")]
    [InlineData("dino", "--write-weights", "/nonexistent/never-written")]
    public async Task Bad_backend_options_are_bad_input(string net, string option, string value)
    {
        (int code, _, string error) = await CliRunner.RunAsync("bench", net, option, value, "--iterations", "1");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Write_weights_keeps_a_random_model_that_loads()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "dino");
        (int code, _, _) = await CliRunner.RunAsync("bench", "dino", "--random-weights", "vit-s-14", "--write-weights", target);

        Assert.Equal(ExitCodes.Success, code);
        using DinoModel model = DinoModel.Load(target);
        Assert.Equal((384, 14), (model.EmbeddingDimension, model.PatchSize));
    }
}
