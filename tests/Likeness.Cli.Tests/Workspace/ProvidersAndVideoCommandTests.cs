using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Workspace;

public sealed class ProvidersAndVideoCommandTests
{
    [Fact]
    public async Task Providers_list_shows_every_provider_with_its_status_and_applies_the_price_file()
    {
        using var home = new TempFolder();
        var (code, stdout, stderr) = await CliRunner.RunAsync("providers", "list", "--home", home.Path);
        Assert.True(code == 0, stdout + stderr);
        foreach (string name in new[] { "astria", "astria-faceid", "astria-sdxl", "fal", "fal-instant", "leonardo", "replicate", "replicate-sdxl", "sim-instant", "sim-lora", "sim-reference", "stability", "stability-structure", "stability-style" })
        {
            Assert.Contains(name, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("simulated (no key needed); client built", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("client not built yet", stdout, StringComparison.Ordinal);
        Assert.Contains("UNCONFIRMED", stdout, StringComparison.Ordinal);

        await File.WriteAllTextAsync(home.Combine("prices.json"), """{"prices": [{"provider": "leonardo", "app": "leonardo/kino-xl-character-reference", "unit": "image", "usd": 0.03, "source": "my invoice"}, {"provider": "fal", "app": "fal-ai/flux-lora-fast-training", "unit": "training", "usd": 3.5}]}""");
        var (jsonCode, json, _) = await CliRunner.RunAsync("providers", "list", "--json", "--home", home.Path);
        Assert.Equal(0, jsonCode);
        using JsonDocument document = JsonDocument.Parse(json);
        var rows = document.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(14, rows.Count);
        Assert.True(rows["replicate"].GetProperty("client_built").GetBoolean());
        Assert.Equal("REPLICATE_API_TOKEN", rows["replicate-sdxl"].GetProperty("key_variable").GetString());
        Assert.True(rows["astria"].GetProperty("client_built").GetBoolean());
        Assert.Equal("ASTRIA_API_KEY", rows["astria-faceid"].GetProperty("key_variable").GetString());
        Assert.Equal("astria/sdxl-prompt", rows["astria-sdxl"].GetProperty("apps").GetProperty("trained_generation").GetString());
        JsonElement leonardo = rows["leonardo"];
        Assert.True(leonardo.GetProperty("client_built").GetBoolean());
        Assert.Equal(!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("LEONARDO_API_KEY")), leonardo.GetProperty("available").GetBoolean());
        Assert.Equal("LEONARDO_API_KEY", leonardo.GetProperty("key_variable").GetString());
        Assert.Equal(["reference_generation"], leonardo.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        JsonElement price = leonardo.GetProperty("prices").EnumerateArray().Single();
        Assert.Equal((0.03m, "image", "my invoice"), (price.GetProperty("usd").GetDecimal(), price.GetProperty("unit").GetString(), price.GetProperty("source").GetString()));
        JsonElement instant = rows["sim-instant"];
        Assert.True(instant.GetProperty("simulated").GetBoolean() && instant.GetProperty("client_built").GetBoolean() && instant.GetProperty("available").GetBoolean());
        Assert.Equal("sim-instant/elementvideo", instant.GetProperty("apps").GetProperty("element_video").GetString());
        JsonElement training = rows["fal"].GetProperty("prices").EnumerateArray().Single(p => p.GetProperty("app").GetString() == "fal-ai/flux-lora-fast-training");
        Assert.Equal(3.5m, training.GetProperty("usd").GetDecimal());
        Assert.True(rows["fal"].GetProperty("client_built").GetBoolean());
        Assert.Equal("FAL_KEY", rows["fal-instant"].GetProperty("key_variable").GetString());
        Assert.Equal(1, rows["stability"].GetProperty("limits").GetProperty("max_references").GetInt32());
        Assert.True(rows["stability"].GetProperty("client_built").GetBoolean());
        Assert.Equal("STABILITY_API_KEY", rows["stability-style"].GetProperty("key_variable").GetString());

        await File.WriteAllTextAsync(home.Combine("prices.json"), """{"prices": [{"provider": "leonardo", "app": "leonardo/kino-xl-character-reference", "usd": 0.03}]}""");
        var (bad, _, badErr) = await CliRunner.RunAsync("providers", "list", "--home", home.Path);
        Assert.Equal(2, bad);
        Assert.Contains("price line 1 (leonardo leonardo/kino-xl-character-reference): the app has no default price", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_character_is_pinned_and_filmed_offline_and_providers_without_a_key_or_the_capability_are_refused()
    {
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        string[] photos = ["obama1.jpg", "obama2.jpg", "obama3.jpg"];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(cast, p)), "--home", home.Path])).ExitCode);

        var (noFrontal, _, noFrontalErr) = await CliRunner.RunAsync("pin", "create", "--character", "Ada", "--home", home.Path);
        Assert.Equal(2, noFrontal);
        Assert.Contains("No reference has the frontal role", noFrontalErr, StringComparison.Ordinal);

        var (pinned, pinOut, pinErr) = await CliRunner.RunAsync("pin", "create", "--character", "Ada", "--frontal", "obama2.jpg", "--refs", "obama1.jpg,obama3.jpg", "--home", home.Path);
        Assert.True(pinned == 0, pinOut + pinErr);
        Assert.Contains("Pinned Ada", pinOut, StringComparison.Ordinal);

        var (_, listJson, _) = await CliRunner.RunAsync("pin", "list", "--character", "Ada", "--json", "--home", home.Path);
        using JsonDocument pins = JsonDocument.Parse(listJson);
        JsonElement pin = pins.RootElement.EnumerateArray().Single();
        Assert.Equal("obama2.jpg", pin.GetProperty("frontal").GetProperty("file_name").GetString());
        Assert.Equal(["obama1.jpg", "obama3.jpg"], pin.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("file_name").GetString()));
        string pinId = pin.GetProperty("id").GetString()!;

        string file = home.Combine("clip" + SimClips.Extension);
        var (made, videoOut, videoErr) = await CliRunner.RunAsync("video", "--pin", pinId[..18], "--prompt", "walks toward the camera", "--duration", "3", "--aspect", "1:1", "--out", file, "--home", home.Path);
        Assert.True(made == 0, videoOut + videoErr);
        Assert.Contains("3 s 1:1 at sim-instant, $0.336", videoOut, StringComparison.Ordinal);
        Assert.Contains("[simulated]", videoOut, StringComparison.Ordinal);
        SimClips.AssertIsClip(await File.ReadAllBytesAsync(file));

        var (refused, _, refusedErr) = await CliRunner.RunAsync("video", "--pin", pinId, "--prompt", "x", "--provider", "replicate", "--home", home.Path);
        Assert.Equal(2, refused);
        Assert.Contains("Provider 'replicate' cannot do this (video from elements)", refusedErr, StringComparison.Ordinal);
        var (noKey, _, noKeyErr) = await CliRunner.RunAsync("identity", "create", "--character", "Ada", "--provider", "leonardo", "--home", home.Path);
        Assert.Equal(2, noKey);
        Assert.Contains("Provider 'leonardo' needs an API key: set LEONARDO_API_KEY.", noKeyErr, StringComparison.Ordinal);
        var (trainer, _, trainerErr) = await CliRunner.RunAsync("identity", "create", "--character", "Ada", "--provider", "replicate", "--home", home.Path);
        Assert.Equal(2, trainer);
        Assert.Contains("Provider 'replicate' needs an API key: set REPLICATE_API_TOKEN.", trainerErr, StringComparison.Ordinal);
        var (tooLong, _, tooLongErr) = await CliRunner.RunAsync("video", "--pin", pinId, "--prompt", "x", "--duration", "20", "--home", home.Path);
        Assert.Equal(2, tooLong);
        Assert.Contains("1 to 15 seconds", tooLongErr, StringComparison.Ordinal);
    }
}
