using Likeness.Cli.Tests.Hosting;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Workspace;

/// <summary>`study run` with a study file whose cast points out of the allowed folders: bad input, one line, nothing imported.</summary>
public sealed class StudyPathCommandTests
{
    [Fact]
    public async Task A_cast_outside_the_study_folder_is_refused_unless_its_folder_is_typed()
    {
        using var home = new TempFolder();
        using var studies = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        string file = studies.Combine("hostile.yaml");
        await File.WriteAllTextAsync(file, $"name: hostile\ncast: {cast}\nscenarios: [action]\nvariations: 1\nproviders: [sim-instant]\nmegapixels: 0.1\n");

        var (code, _, stderr) = await CliRunner.RunAsync("study", "run", file, "--out", studies.Combine("out"), "--home", home.Path);
        ExitContract.Holds(code, stderr, "cast outside");
        Assert.Equal(2, code);
        Assert.Contains("hostile.yaml:2: cast:", stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-path", (await CliRunner.RunAsync("study", "run", "--help")).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Obama", (await CliRunner.RunAsync("character", "list", "--home", home.Path)).Output, StringComparison.Ordinal);
    }
}
