using Likeness.Cli.Hosting;

namespace Likeness.Cli.Tests.Hosting;

public sealed class LegacySpellingsTests
{
    [Fact]
    public void Old_spellings_become_the_current_names_before_a_separator_and_in_name_value_form()
    {
        Assert.Equal(
            ["demo", "--output", "dir", "--count=2", "--aspect-ratio", "9:16", "--", "--out"],
            LegacySpellings.Rewrite(["demo", "--out", "dir", "--n=2", "--aspect", "9:16", "--", "--out"]));
        Assert.Equal(["--output", "--outline", "-n", "--count"], LegacySpellings.Rewrite(["--output", "--outline", "-n", "--count"]));
    }

    [Fact]
    public async Task Help_shows_the_current_names_only()
    {
        var (code, output, _) = await CliRunner.RunAsync("video", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--aspect-ratio", output, StringComparison.Ordinal);
        Assert.Contains("-o, --output", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--out ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--aspect ", output, StringComparison.Ordinal);
    }
}
