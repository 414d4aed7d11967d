using System.Globalization;
using System.Text.RegularExpressions;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Workspace;

/// <summary><c>identity create --steps/--rank/--learning-rate</c> and <c>identity retrain</c>, end to end on the sim.</summary>
public sealed partial class RetrainCommandTests
{
    private static readonly string Cast = Path.Combine(RepoPaths.Root, "samples", "cast");

    private static readonly string[] ObamaPhotos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    [Fact]
    public async Task Parameters_a_trainer_cannot_take_are_refused_and_a_retrain_never_spends_past_its_budget()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Barack Obama", "--home", home.Path)).ExitCode);
        var added = await CliRunner.RunAsync(["character", "add-refs", "Barack Obama", .. ObamaPhotos.Select(f => Path.Combine(Cast, f)), "--home", home.Path]);
        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        Directory.CreateDirectory(home.Combine("distractors"));
        foreach (string photo in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "data", "faceapi", "inputs"), "*.ppm"))
        {
            File.Copy(photo, Path.Combine(home.Combine("distractors"), Path.GetFileName(photo)));
        }

        // Out of the trainer's range, or asked of a provider that does not train: exit 2, one line naming it, nothing made.
        var steps = await CliRunner.RunAsync("identity", "create", "-c", "Barack Obama", "--provider", "sim-lora", "--steps", "0", "--home", home.Path);
        Assert.Equal(2, steps.ExitCode);
        Assert.Contains("takes training steps from 1 to 10000 (got 0)", steps.Error, StringComparison.Ordinal);
        var instant = await CliRunner.RunAsync("identity", "create", "-c", "Barack Obama", "--provider", "sim-instant", "--rank", "8", "--home", home.Path);
        Assert.Equal(2, instant.ExitCode);
        Assert.Contains("takes no training parameters", instant.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await CliRunner.RunAsync("identity", "list", "-c", "Barack Obama", "--home", home.Path)).Output);

        // Nothing trained yet: retrain says what to do first.
        var none = await CliRunner.RunAsync("identity", "retrain", "Barack Obama", "--provider", "sim-lora", "--budget", "3", "--home", home.Path);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no ready trained identity", none.Error, StringComparison.Ordinal);

        var created = await CliRunner.RunAsync("identity", "create", "-c", "Barack Obama", "--provider", "sim-lora", "--steps", "1500", "--rank", "32", "--home", home.Path);
        Assert.True(created.ExitCode == 0, created.Output + created.Error);

        // The strictest minimum with one seed: v1 is judged first, then (if below it) one more training at most; the money stays within $3.
        var retrain = await CliRunner.RunAsync(
            "identity", "retrain", "Barack Obama", "--provider", "sim-lora", "--budget", "3", "--max-attempts", "1", "--seeds", "1", "--min-pass-rate", "1", "--home", home.Path);
        Assert.True(retrain.ExitCode is 0 or 1, retrain.Output + retrain.Error);
        Match spent = Spent().Match(retrain.Output);
        Assert.True(spent.Success, retrain.Output);
        Assert.True(decimal.Parse(spent.Groups[1].Value, CultureInfo.InvariantCulture) <= 3m, retrain.Output);
        Assert.Contains("v1: ", retrain.Output, StringComparison.Ordinal);

        // show prints the parameters asked and, after an attempt, the whole retrain family.
        string id = Regex.Match(created.Output, "id ([0-9a-f-]{36})").Groups[1].Value;
        var show = await CliRunner.RunAsync("identity", "show", id, "--home", home.Path);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("parameters: steps 1500, rank 32", show.Output, StringComparison.Ordinal);
        if (retrain.Output.Contains("more steps", StringComparison.Ordinal))
        {
            Assert.Contains("retrain attempts:", show.Output, StringComparison.Ordinal);
            Assert.Contains("first training", show.Output, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"spent \$([0-9.]+) of \$3\.0000")]
    private static partial Regex Spent();
}
