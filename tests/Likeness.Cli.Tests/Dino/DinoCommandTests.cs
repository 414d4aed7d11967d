using System.Security.Cryptography;
using System.Text.Json;
using Likeness.Cli.Tests.Clip;
using Likeness.Inference.Dino;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Dino;

/// <summary>
/// <c>dino embed|similarity</c>, <c>models import|fetch dino</c> and <c>bench dino</c> on the tiny fixture; numbers
/// checked against the original code's goldens (1e-4 absolute on embeddings, 1e-5 on the cosine).
/// </summary>
public sealed class DinoCommandTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("likeness-cache-").FullName;

    private static string Model => RepoPaths.TestData("dinov2-tiny", "dinov2-tiny");

    private static string Obama => RepoPaths.TestData("clip-tiny", "inputs", "obama_decoded_910x1137.ppm");

    private static string Biden => RepoPaths.TestData("clip-tiny", "inputs", "biden2_decoded_1200x1200.ppm");

    private static JsonElement Golden { get; } =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.TestData("dinov2-tiny", "golden.json"))).RootElement.GetProperty("models").GetProperty("dinov2-tiny");

    private static byte[] Weights => File.ReadAllBytes(Path.Combine(Model, "model.safetensors"));

    private static byte[] Config => File.ReadAllBytes(Path.Combine(Model, "config.json"));

    [Fact]
    public async Task Embed_JSON_matches_the_original()
    {
        (int code, string output, _) = await CliRunner.RunAsync("dino", "embed", Obama, "--model", Model, "--json");

        Assert.Equal(ExitCodes.Success, code);
        JsonElement json = JsonDocument.Parse(output).RootElement;
        JsonElement golden = Golden.GetProperty("images")[0];
        ClipCommandTests.AssertClose(golden.GetProperty("pooler_output"), json.GetProperty("embedding"), 1e-4);
        ClipCommandTests.AssertClose(golden.GetProperty("pooler_output_normalized"), json.GetProperty("normalized"), 1e-4);
    }

    [Fact]
    public async Task Similarity_is_the_originals_cosine()
    {
        (int code, string output, _) = await CliRunner.RunAsync("dino", "similarity", Obama, Biden, "--model", Model, "--json");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(Golden.GetProperty("cosine_obama_biden2").GetDouble(), JsonDocument.Parse(output).RootElement.GetProperty("cosine").GetDouble(), 1e-5);
    }

    [Fact]
    public async Task A_truncated_image_is_refused_with_one_line_as_by_the_face_commands()
    {
        string cut = Path.Combine(_cache, "cut.jpg");
        byte[] jpeg = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "cast", "obama.jpg"));
        await File.WriteAllBytesAsync(cut, jpeg[..(jpeg.Length / 2)]);

        foreach (string[] args in new[] { new[] { "dino", "similarity", Obama, cut }, ["dino", "embed", cut] })
        {
            (int code, _, string error) = await CliRunner.RunAsync([.. args, "--model", Model]);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Equal("likeness: cut.jpg is truncated (the file ends before the image does); nothing was analysed.", error.Trim());
        }
    }

    [Fact]
    public async Task Missing_model_says_how_to_get_one()
    {
        (int code, _, string error) = await CliRunner.RunAsync("dino", "embed", Obama, "--model", _cache);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("likeness models fetch dino", error, StringComparison.Ordinal);
        Assert.Contains("likeness models import dino DIR", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_checks_and_installs_a_snapshot()
    {
        (int code, string output, _) = await CliRunner.RunAsync("models", "import", "dino", Model, "--cache", _cache);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("dinov2, 48x2 patch 14, 0 registers", output, StringComparison.Ordinal);
        Assert.Equal(Weights, await File.ReadAllBytesAsync(Path.Combine(_cache, "dino", "model.safetensors")));
    }

    [Fact]
    public async Task Import_refuses_a_CLIP_folder()
    {
        (int code, _, string error) = await CliRunner.RunAsync("models", "import", "dino", RepoPaths.TestData("clip-tiny"), "--cache", _cache);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("model_type is 'clip'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cache, "dino")));
    }

    [Fact]
    public async Task Fetch_refuses_files_that_are_not_the_pinned_ones()
    {
        // The hub's listing agrees with what it serves, but neither is facebook/dinov2-small's pinned bytes.
        using FakeHub hub = NewHub();

        (int code, _, string error) = await CliRunner.RunAsync("models", "fetch", "dino", "--cache", _cache, "--endpoint", hub.Endpoint.AbsoluteUri);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("SHA-256", error, StringComparison.Ordinal);
        Assert.Contains(DinoModelFetcher.Sha256["config.json"], error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cache, "dino")));
    }

    [Fact]
    public async Task Fetch_resumes_an_interrupted_download_and_installs()
    {
        using FakeHub hub = NewHub();
        hub.CutNextDownloads(1);
        using var http = new HttpClient();
        var fetcher = new DinoModelFetcher(http, hub.Endpoint, PinnedToTheFixture());
        var store = new DinoModelStore(_cache);

        await Assert.ThrowsAnyAsync<Exception>(() => fetcher.FetchAsync(store));
        DinoConfig config = await fetcher.FetchAsync(store);

        Assert.Equal(48, config.HiddenSize);
        Assert.Contains(hub.RangeRequests, r => r.StartsWith("bytes=", StringComparison.Ordinal) && r != "bytes=0-");
        Assert.Equal(Weights, await File.ReadAllBytesAsync(Path.Combine(store.DinoDirectory, "model.safetensors")));
    }

    [Fact]
    public async Task Bench_JSON_line_has_per_image_timings()
    {
        (int code, string output, _) = await CliRunner.RunAsync("bench", "dino", "--model", Model, "--batch", "2", "--iterations", "1", "--json");

        Assert.Equal(ExitCodes.Success, code);
        JsonElement json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, json.GetProperty("batch").GetInt32());
        Assert.Equal(224, json.GetProperty("size").GetInt32());
        Assert.True(json.GetProperty("image_ms_median").GetDouble() > 0);
        Assert.True(json.GetProperty("image_gflops").GetDouble() > 0);
    }

    [Fact]
    public async Task Bench_refuses_a_size_that_is_not_a_multiple_of_the_patch()
    {
        (int code, _, string error) = await CliRunner.RunAsync("bench", "dino", "--model", Model, "--size", "100", "--iterations", "1");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("multiple of the patch size 14", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static Dictionary<string, string> PinnedToTheFixture() => new()
    {
        ["config.json"] = Convert.ToHexStringLower(SHA256.HashData(Config)),
        ["model.safetensors"] = Convert.ToHexStringLower(SHA256.HashData(Weights)),
    };

    private static FakeHub NewHub() => new(
        DinoModelFetcher.Repository,
        DinoModelFetcher.Revision,
        new Dictionary<string, byte[]> { ["config.json"] = Config, ["model.safetensors"] = Weights });
}
