using Likeness.Inference.Clip;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Clip;

/// <summary><c>models import clip</c> and <c>models fetch clip</c> against a local server with the hub's URL layout.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("likeness-cache-").FullName;

    private static byte[] Weights => File.ReadAllBytes(RepoPaths.TestData("clip-tiny", "model.safetensors"));

    private static byte[] Config => File.ReadAllBytes(RepoPaths.TestData("clip-tiny", "config.json"));

    [Fact]
    public async Task Import_checks_and_installs_a_snapshot()
    {
        (int code, string output, _) = await Run("models", "import", "clip", RepoPaths.TestData("clip-tiny"), "--cache", _cache);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("projection 16", output, StringComparison.Ordinal);
        string installed = Path.Combine(_cache, "clip");
        Assert.Equal(Weights, await File.ReadAllBytesAsync(Path.Combine(installed, "model.safetensors")));
        (int embedCode, _, _) = await Run("clip", "embed", "--text", "hello", "--model", installed);
        Assert.Equal(ExitCodes.Success, embedCode);
    }

    [Fact]
    public async Task Import_refuses_a_mismatched_snapshot_naming_the_tensor()
    {
        string bad = Directory.CreateTempSubdirectory("likeness-bad-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(bad, "model.safetensors"), Weights);
            await File.WriteAllTextAsync(
                Path.Combine(bad, "config.json"),
                System.Text.Encoding.UTF8.GetString(Config).Replace("\"projection_dim\": 16", "\"projection_dim\": 32", StringComparison.Ordinal));

            (int code, _, string error) = await Run("models", "import", "clip", bad, "--cache", _cache);

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("visual_projection.weight", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(_cache, "clip")));
        }
        finally
        {
            Directory.Delete(bad, recursive: true);
        }
    }

    [Fact]
    public async Task Fetch_downloads_checks_and_installs()
    {
        using FakeHub hub = NewHub();

        (int code, _, string error) = await Run("models", "fetch", "clip", "--cache", _cache, "--endpoint", hub.Endpoint.AbsoluteUri);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("100% model.safetensors", error, StringComparison.Ordinal);
        Assert.Equal(Weights, await File.ReadAllBytesAsync(Path.Combine(_cache, "clip", "model.safetensors")));
        Assert.Equal(Config, await File.ReadAllBytesAsync(Path.Combine(_cache, "clip", "config.json")));
    }

    [Fact]
    public async Task Interrupted_fetch_resumes_with_a_range_request()
    {
        using FakeHub hub = NewHub();
        hub.CutNextDownloads(1);

        (int first, _, string firstError) = await Run("models", "fetch", "clip", "--cache", _cache, "--endpoint", hub.Endpoint.AbsoluteUri);
        (int second, _, _) = await Run("models", "fetch", "clip", "--cache", _cache, "--endpoint", hub.Endpoint.AbsoluteUri);

        Assert.Equal(ExitCodes.Failure, first);
        Assert.Contains("run the same command again to resume", firstError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, second);
        Assert.Contains(hub.RangeRequests, r => r.StartsWith("bytes=", StringComparison.Ordinal) && r != "bytes=0-");
        Assert.Equal(Weights, await File.ReadAllBytesAsync(Path.Combine(_cache, "clip", "model.safetensors")));
    }

    [Fact]
    public async Task Fetch_refuses_bytes_whose_hash_does_not_match()
    {
        using FakeHub hub = NewHub();
        byte[] tampered = Weights;
        tampered[^1] ^= 1;
        hub.TamperedWeights = tampered;

        (int code, _, string error) = await Run("models", "fetch", "clip", "--cache", _cache, "--endpoint", hub.Endpoint.AbsoluteUri);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("SHA-256", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cache, "clip")));
    }

    [Fact]
    public async Task A_mirror_that_answers_with_a_web_page_fails_in_one_line()
    {
        using FakeHub hub = NewHub();
        hub.AnswersWithWebPage = true;

        (int code, string output, string error) = await Run("models", "fetch", "clip", "--cache", _cache, "--endpoint", hub.Endpoint.AbsoluteUri);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal($"likeness: {hub.Endpoint.AbsoluteUri} did not answer with the model's files (a file that should be JSON is not); check --endpoint or HF_ENDPOINT.", error.TrimEnd());
        Assert.Empty(output);
        Assert.False(Directory.Exists(Path.Combine(_cache, "clip")));
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static FakeHub NewHub() => new(
        ClipModelFetcher.Repository,
        ClipModelFetcher.Revision,
        new Dictionary<string, byte[]> { ["config.json"] = Config, ["model.safetensors"] = Weights });

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await LikenessCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
