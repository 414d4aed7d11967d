using System.Text.RegularExpressions;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Workspace;

/// <summary><c>identity use|rollback|archive</c>: a person's say over the version in use at a provider, and the refusals.</summary>
public sealed partial class IdentityVersionCommandTests
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama3.jpg"];

    [Fact]
    public async Task A_version_is_put_in_use_rolled_back_to_and_archived_and_what_cannot_be_done_is_refused()
    {
        using var home = new TempFolder();
        string[] at = ["--home", home.Path];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "create", "Ada", .. at])).ExitCode);
        var added = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(f => Path.Combine(RepoPaths.Root, "samples", "cast", f)), .. at]);
        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        var ids = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            var made = await CliRunner.RunAsync(["identity", "create", "-c", "Ada", "--provider", "sim-instant", .. at]);
            Assert.True(made.ExitCode == 0, made.Output + made.Error);
            ids.Add(Guids().Matches(made.Output).Last().Value);
        }

        var used = await CliRunner.RunAsync(["identity", "use", ids[0], .. at]);
        Assert.True(used.ExitCode == 0, used.Output + used.Error);
        Assert.Contains($"sim-instant v1: in use, id {ids[0]}", used.Output, StringComparison.Ordinal);

        // v1 is the earliest ready version: nothing to roll back to.
        var earliest = await CliRunner.RunAsync(["identity", "rollback", "-c", "Ada", "--provider", "sim-instant", .. at]);
        Assert.Equal(2, earliest.ExitCode);
        Assert.Contains("v1 is the earliest ready version at sim-instant", earliest.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRunner.RunAsync(["identity", "use", ids[1], .. at])).ExitCode);
        var rolled = await CliRunner.RunAsync(["identity", "rollback", "-c", "Ada", "--provider", "sim-instant", .. at]);
        Assert.True(rolled.ExitCode == 0, rolled.Output + rolled.Error);
        Assert.Contains($"sim-instant v1: rolled back to; in use, id {ids[0]}", rolled.Output, StringComparison.Ordinal);

        var archived = await CliRunner.RunAsync(["identity", "archive", ids[1], .. at]);
        Assert.True(archived.ExitCode == 0, archived.Output + archived.Error);
        Assert.Contains("sim-instant v2: archived", archived.Output, StringComparison.Ordinal);
        var again = await CliRunner.RunAsync(["identity", "use", ids[1], .. at]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("Only a ready identity model can be put in use", again.Error, StringComparison.Ordinal);
        Assert.Contains("Archived", (await CliRunner.RunAsync(["identity", "list", "-c", "Ada", .. at])).Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();
}
