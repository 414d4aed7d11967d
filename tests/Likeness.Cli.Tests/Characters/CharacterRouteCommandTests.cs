using Likeness.Testing;

namespace Likeness.Cli.Tests.Characters;

/// <summary><c>character route set|show</c> and <c>generate</c> through the route when it names no provider.</summary>
public sealed class CharacterRouteCommandTests
{
    [Fact]
    public async Task A_route_is_set_shown_and_used_by_generate_and_an_entry_without_an_identity_is_skipped()
    {
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        string[] photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        var (added, addOut, addErr) = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(cast, p)), "--home", home.Path]);
        Assert.True(added == 0, addOut + addErr);

        var (none, _, noneErr) = await CliRunner.RunAsync("character", "route", "show", "Ada", "--home", home.Path);
        Assert.Equal(2, none);
        Assert.Contains("Ada has no route", noneErr, StringComparison.Ordinal);
        Assert.Equal(2, (await CliRunner.RunAsync("character", "route", "set", "Ada", "--policy", "fallback", "--via", "sim-instant", "--home", home.Path)).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("character", "route", "set", "Ada", "--via", "no-such-provider,sim-instant", "--home", home.Path)).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("character", "route", "set", "Ada", "--policy", "fixed", "--via", "sim-instant", "--allow-train", "--home", home.Path)).ExitCode);

        var (set, setOut, setErr) = await CliRunner.RunAsync("character", "route", "set", "Ada", "--policy", "fallback", "--via", "sim-lora, sim-instant", "--home", home.Path);
        Assert.True(set == 0, setOut + setErr);
        Assert.Contains("Ada: route fallback via sim-lora, sim-instant", setOut, StringComparison.Ordinal);

        // sim-lora has no trained identity yet: the route skips it and sim-instant serves, recorded on the shot.
        var (gen, genOut, genErr) = await CliRunner.RunAsync("generate", "--character", "Ada", "--scenario", "profile", "--home", home.Path);
        Assert.True(gen == 0, genOut + genErr);
        Assert.Contains("[route entry 2 sim-instant; skipped 1 sim-lora: ", genOut, StringComparison.Ordinal);
        var (json, jsonOut, _) = await CliRunner.RunAsync("generate", "--character", "Ada", "--scenario", "profile", "--seed", "7", "--json", "--home", home.Path);
        Assert.Equal(0, json);
        Assert.Contains("\"provider\":\"sim-instant\"", jsonOut.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var (show, showOut, _) = await CliRunner.RunAsync("character", "route", "show", "Ada", "--home", home.Path);
        Assert.Equal(0, show);
        Assert.Contains("1. sim-lora", showOut, StringComparison.Ordinal);
        Assert.Contains("2. sim-instant", showOut, StringComparison.Ordinal);
        Assert.Contains("in use: v1 reference ready", showOut, StringComparison.Ordinal);

        // A named provider bypasses the route.
        var (named, namedOut, _) = await CliRunner.RunAsync("generate", "--character", "Ada", "--scenario", "profile", "--seed", "9", "--provider", "sim-instant", "--home", home.Path);
        Assert.Equal(0, named);
        Assert.DoesNotContain("route entry", namedOut, StringComparison.Ordinal);
    }
}
