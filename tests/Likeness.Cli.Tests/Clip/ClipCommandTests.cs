using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Clip;

/// <summary>The CLIP commands on the tiny fixture model; numbers checked against openai's goldens (1e-4 / 1e-3 absolute).</summary>
public sealed class ClipCommandTests
{
    private static string Model => RepoPaths.TestData("clip-tiny");

    private static string Obama => RepoPaths.TestData("clip-tiny", "inputs", "obama_decoded_910x1137.ppm");

    private static string Biden => RepoPaths.TestData("clip-tiny", "inputs", "biden2_decoded_1200x1200.ppm");

    private static JsonElement Golden { get; } = JsonDocument.Parse(File.ReadAllText(RepoPaths.TestData("clip-tiny", "golden.json"))).RootElement;

    [Fact]
    public async Task Embed_text_JSON_matches_OpenAI()
    {
        JsonElement text = Golden.GetProperty("texts")[2];

        (int code, string output, _) = await Run("clip", "embed", "--text", text.GetProperty("text").GetString()!, "--model", Model, "--json");

        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument json = JsonDocument.Parse(output);
        AssertClose(text.GetProperty("text_embeds"), json.RootElement.GetProperty("embedding"), 1e-4);
        AssertClose(text.GetProperty("text_embeds_normalized"), json.RootElement.GetProperty("normalized"), 1e-4);
    }

    [Fact]
    public async Task Embed_image_JSON_matches_OpenAI()
    {
        (int code, string output, _) = await Run("clip", "embed", "--image", Obama, "--model", Model, "--json");

        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement obama = Golden.GetProperty("images")[0];
        AssertClose(obama.GetProperty("image_embeds"), json.RootElement.GetProperty("embedding"), 1e-4);
    }

    [Fact]
    public async Task Score_gives_the_golden_logit()
    {
        JsonElement text = Golden.GetProperty("texts")[0];

        (int code, string output, _) = await Run("clip", "score", Obama, text.GetProperty("text").GetString()!, "--model", Model, "--json");

        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument json = JsonDocument.Parse(output);
        double expected = Golden.GetProperty("logits_per_image").GetProperty("values")[0][0].GetDouble();
        Assert.Equal(expected, json.RootElement.GetProperty("logit").GetDouble(), 1e-3);
    }

    [Fact]
    public async Task Similarity_of_two_images()
    {
        (int code, string output, _) = await Run("clip", "similarity", Obama, Biden, "--model", Model, "--json");
        (int sameCode, string same, _) = await Run("clip", "similarity", Obama, Obama, "--model", Model, "--json");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(ExitCodes.Success, sameCode);
        double cosine = JsonDocument.Parse(output).RootElement.GetProperty("cosine").GetDouble();
        Assert.InRange(cosine, -1, 0.9999);
        Assert.Equal(1.0, JsonDocument.Parse(same).RootElement.GetProperty("cosine").GetDouble(), 1e-6);
    }

    [Fact]
    public async Task Missing_model_says_how_to_get_one()
    {
        string empty = Directory.CreateTempSubdirectory("likeness-nomodel-").FullName;
        try
        {
            (int code, _, string error) = await Run("clip", "embed", "--text", "hi", "--model", empty);

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("likeness models fetch clip", error, StringComparison.Ordinal);
            Assert.Contains("likeness models import clip DIR", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public async Task Embed_needs_exactly_one_input()
    {
        (int code, _, string error) = await Run("clip", "embed", "--model", Model);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("exactly one of --image FILE or --text TEXT", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await LikenessCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    internal static void AssertClose(JsonElement expected, JsonElement actual, double tolerance)
    {
        double[] e = [.. expected.EnumerateArray().Select(v => v.GetDouble())];
        double[] a = [.. actual.EnumerateArray().Select(v => v.GetDouble())];
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"[{i}] {a[i]} vs {e[i]}");
        }
    }
}
