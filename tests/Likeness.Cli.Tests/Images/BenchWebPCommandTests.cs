using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Images;

public sealed class BenchWebPCommandTests
{
    private static string Corpus(string name) => Path.Combine(RepoPaths.TestData("webp"), name);

    [Fact]
    public async Task Json_line_has_our_median_and_says_why_dwebp_is_missing()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await LikenessCli.RunAsync(
            ["bench", "webp", Corpus("lossy-q75-obama.webp"), "--iterations", "2", "--dwebp", "/nonexistent/dwebp", "--json"], output, error);

        Assert.Equal(ExitCodes.Success, code);
        JsonElement json = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal((96, 120), (json.GetProperty("width").GetInt32(), json.GetProperty("height").GetInt32()));
        Assert.Equal("lossy", json.GetProperty("kind").GetString());
        Assert.True(json.GetProperty("likeness_ms_median").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("ratio").ValueKind);
        Assert.Contains("not found", json.GetProperty("dwebp_problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_webp_is_bad_input()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("a.ppm"), "P6\n1 1\n255\n\u0001\u0002\u0003"u8.ToArray());
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await LikenessCli.RunAsync(["bench", "webp", temp.Combine("a.ppm")], output, error);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a WebP file", error.ToString(), StringComparison.Ordinal);
    }
}
