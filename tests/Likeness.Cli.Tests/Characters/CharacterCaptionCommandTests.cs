using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Characters;

public sealed class CharacterCaptionCommandTests
{
    private static readonly string Cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");

    [Fact]
    public async Task A_caption_is_set_shown_linted_as_the_users_and_cleared()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        string[] photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(Cast, p)), "--home", home.Path])).ExitCode);

        var (code, stdout, stderr) = await CliRunner.RunAsync("character", "caption", "Ada", "obama1.jpg", "smiling at a lectern", "--home", home.Path);
        Assert.True(code == 0, stdout + stderr);
        Assert.Equal("obama1.jpg: smiling at a lectern", stdout.Trim());
        (_, stdout, _) = await CliRunner.RunAsync("character", "show", "Ada", "--home", home.Path);
        Assert.Contains("    caption: smiling at a lectern", stdout, StringComparison.Ordinal);

        // The lint checks it as the user's: it lacks the trigger.
        (code, stdout, _) = await CliRunner.RunAsync("character", "lint", "Ada", "--home", home.Path);
        Assert.Equal(0, code);
        Assert.Contains("smiling at a lectern  (yours)", stdout, StringComparison.Ordinal);
        Assert.Contains("trigger-missing", stdout, StringComparison.Ordinal);
        (_, stdout, _) = await CliRunner.RunAsync("character", "lint", "Ada", "--json", "--home", home.Path);
        using (JsonDocument json = JsonDocument.Parse(stdout))
        {
            Assert.Equal(["likeness", "user", "likeness", "likeness"], json.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("caption_by").GetString()));
        }

        (code, stdout, _) = await CliRunner.RunAsync("character", "caption", "Ada", "obama1.jpg", "--clear", "--home", home.Path);
        Assert.Equal(0, code);
        Assert.Contains("no caption of yours", stdout, StringComparison.Ordinal);
        (_, stdout, _) = await CliRunner.RunAsync("character", "lint", "Ada", "--home", home.Path);
        Assert.DoesNotContain("(yours)", stdout, StringComparison.Ordinal);

        // Text and --clear together, neither, or a reference Ada does not have: bad input, exit 2.
        Assert.Equal(2, (await CliRunner.RunAsync("character", "caption", "Ada", "obama1.jpg", "x", "--clear", "--home", home.Path)).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("character", "caption", "Ada", "obama1.jpg", "--home", home.Path)).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("character", "caption", "Ada", "biden.jpg", "x", "--home", home.Path)).ExitCode);
    }
}
