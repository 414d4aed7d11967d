using System.Text.RegularExpressions;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Workspace;

/// <summary>The delete verbs: what a delete would remove, confirmation, typed refusals with their hints, and the books after.</summary>
public sealed partial class DeleteCommandTests
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama3.jpg"];

    [Fact]
    public async Task A_character_with_references_and_an_identity_is_shown_then_deleted_with_everything_it_owns()
    {
        using var home = new TempFolder();
        string[] at = ["--home", home.Path];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "create", "Ada", .. at])).ExitCode);
        var added = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(f => Path.Combine(RepoPaths.Root, "samples", "cast", f)), .. at]);
        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        Assert.Equal(0, (await CliRunner.RunAsync(["identity", "create", "-c", "Ada", "--provider", "sim-instant", .. at])).ExitCode);

        var shown = await CliRunner.RunAsync(["character", "show", "Ada", .. at]);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("a delete would remove: 3 references, 1 identity model, 1 settled paid-call claim, 3 file(s)", shown.Output, StringComparison.Ordinal);
        string reference = Guids().Matches(shown.Output.Split("identity models:")[0]).Last().Value;

        var refused = await CliRunner.RunAsync(["reference", "delete", reference, "--yes", .. at]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Add --force to delete it anyway.", refused.Error, StringComparison.Ordinal);
        Assert.Single(refused.Error.Trim().Split('\n'));

        var deleted = await CliRunner.RunAsync(["character", "delete", "ada", "--yes", "--actor", "test", .. at]);
        Assert.True(deleted.ExitCode == 0, deleted.Output + deleted.Error);
        Assert.Contains("Deleted character ada: 3 references, 1 identity model", deleted.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(home.Path, "assets"), "*", SearchOption.AllDirectories), f => !f.Contains("tmp", StringComparison.Ordinal));
        Assert.Equal(2, (await CliRunner.RunAsync(["character", "show", "Ada", .. at])).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(["doctor", .. at])).ExitCode);
    }

    [Fact]
    public async Task A_run_that_cannot_ask_is_refused_without_yes_and_deletes_nothing()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        using ChildCli child = ChildCli.Start(new Dictionary<string, string>(), "character", "delete", "Ada", "--home", home.Path);
        Assert.Equal(2, await child.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains("cannot ask: add --yes", child.Output, StringComparison.Ordinal);
        Assert.Contains("Ada", (await CliRunner.RunAsync("character", "list", "--home", home.Path)).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shot", "0123456789abcdef", "No shot")]
    [InlineData("identity", "abc", "too short")]
    [InlineData("reference", "00000000-0000-0000-0000-000000000001", "No reference")]
    public async Task Deleting_what_is_not_there_is_bad_input_on_one_line(string verb, string id, string message)
    {
        using var home = new TempFolder();
        var result = await CliRunner.RunAsync(verb, "delete", id, "--yes", "--home", home.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();
}
