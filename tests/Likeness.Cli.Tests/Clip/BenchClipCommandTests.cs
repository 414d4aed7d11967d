using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Clip;

public sealed class BenchClipCommandTests
{
    [Fact]
    public async Task JSON_line_has_per_image_and_twenty_token_timings()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await LikenessCli.RunAsync(
            ["bench", "clip", "--model", RepoPaths.TestData("clip-tiny"), "--batch", "2", "--iterations", "1", "--json"], output, error);

        Assert.Equal(ExitCodes.Success, code);
        JsonElement json = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(20, json.GetProperty("text_tokens").GetInt32());
        Assert.Equal(2, json.GetProperty("batch").GetInt32());
        Assert.True(json.GetProperty("image_ms_median").GetDouble() > 0);
        Assert.True(json.GetProperty("text_ms_median").GetDouble() > 0);
        Assert.True(json.GetProperty("image_gflops").GetDouble() > 0);
    }

    [Fact]
    public async Task Unknown_architecture_is_bad_input()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await LikenessCli.RunAsync(["bench", "clip", "--random-weights", "vit-z-99"], output, error);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("vit-b-32", error.ToString(), StringComparison.Ordinal);
    }
}
