using System.Text.Json;

namespace Likeness.Cli.Tests.Clip;

public sealed class ClipTokenizeCommandTests
{
    [Fact]
    public async Task JSON_has_77_ids_matching_OpenAI()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await LikenessCli.RunAsync(["clip", "tokenize", "a photo of a cat", "--json"], output, error);

        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument json = JsonDocument.Parse(output.ToString());
        int[] ids = [.. json.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal(77, ids.Length);
        // clip.tokenize("a photo of a cat") from tests/data/clip-tiny/tokenizer/tokens_golden.json.
        Assert.Equal([49406, 320, 1125, 539, 320, 2368, 49407, 0], ids[..8]);
        Assert.All(ids[7..], id => Assert.Equal(0, id));
    }
}
