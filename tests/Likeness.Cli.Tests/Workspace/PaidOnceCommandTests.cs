using System.Globalization;
using System.Text.RegularExpressions;
using Likeness.Core.Identity;
using Likeness.Testing;
using Likeness.Workspace;

namespace Likeness.Cli.Tests.Workspace;

/// <summary>
/// Separate `likeness` processes on one home: identical requests at once pay once, and `likeness doctor` finds
/// the books reconciled afterwards.
/// </summary>
public sealed partial class PaidOnceCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Two_studies_of_one_file_at_once_make_each_shot_once()
    {
        using var home = new TempFolder();
        using var output = new TempFolder();
        string file = await StudyFileAsync(output, "two at once", variations: 1);

        // The cast is imported first: importing it twice at once is another race than the one this test is about.
        await ImportCastAsync(home, output);
        int[] made = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            using ChildCli child = ChildCli.Start(new Dictionary<string, string>(), "study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", output.Combine($"out{i}"), "--home", home.Path);
            Assert.True(await child.WaitAsync(Limit) == 0, child.Output);
            Match summary = StudySummary().Match(child.Output);
            Assert.True(summary.Success, child.Output);
            Assert.Equal(8, int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture));
            return int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
        }));

        // The import made the two sim-instant close-ups already: six new shots between the two runs, each made once.
        Assert.Equal(6, made.Sum());
        await AssertDoctorReconciledAsync(home);
    }

    [Fact]
    public async Task Concurrent_generates_pay_once_per_cache_key_and_concurrent_trainings_make_one_identity()
    {
        using var home = new TempFolder();
        using var output = new TempFolder();
        await ImportCastAsync(home, output);

        string[] generate = ["generate", "--character", "Barack Obama", "--prompt", "at a train station", "--provider", "sim-instant", "-n", "4", "--home", home.Path];
        string[] train = ["identity", "create", "--character", "Joe Biden", "--provider", "sim-lora", "--home", home.Path];
        var children = new List<ChildCli>();
        try
        {
            children.AddRange(Enumerable.Range(0, 3).Select(_ => ChildCli.Start(new Dictionary<string, string>(), generate)));
            children.AddRange(Enumerable.Range(0, 2).Select(_ => ChildCli.Start(new Dictionary<string, string>(), train)));
            foreach (ChildCli child in children)
            {
                Assert.True(await child.WaitAsync(Limit) == 0, child.Output);
            }

            // Twelve shots asked for, four cache keys: four provider calls between the three processes.
            int cached = children.Take(3).Sum(c => int.Parse(GenerateSummary().Match(c.Output).Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.Equal(12 - 4, cached);
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }

        using (LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = home.Path }))
        {
            Core.Characters.Character biden = await workspace.Characters.GetAsync("Joe Biden");
            IdentityModel trained = Assert.Single(await workspace.Identities.ListAsync(biden.Id), m => m.Provider == "sim-lora");
            Assert.Equal(IdentityModelStatus.Ready, trained.Status);
        }

        await AssertDoctorReconciledAsync(home);
    }

    private static async Task ImportCastAsync(TempFolder home, TempFolder output)
    {
        string file = await StudyFileAsync(output, "import", variations: 1, scenarios: "[close-up-portrait]", providers: "[sim-instant]");
        var (code, stdout, stderr) = await CliRunner.RunAsync("study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", output.Combine("import"), "--home", home.Path);
        Assert.True(code == 0, stdout + stderr);
    }

    private static async Task<string> StudyFileAsync(TempFolder folder, string name, int variations, string scenarios = "[close-up-portrait, profile]", string providers = "[sim-instant, sim-reference]")
    {
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast").Replace("\\", "/", StringComparison.Ordinal);
        string file = folder.Combine($"{name.Replace(' ', '-')}.yaml");
        await File.WriteAllTextAsync(file, $"""
            name: {name}
            cast: {cast}
            scenarios: {scenarios}
            variations: {variations}
            providers: {providers}
            megapixels: 0.1
            """);
        return file;
    }

    private static async Task AssertDoctorReconciledAsync(TempFolder home)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("doctor", "--json", "--home", home.Path);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("\"reconciled\":true", stdout, StringComparison.Ordinal);
        Assert.Contains("\"open_reservations\":0", stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"8 shots: (\d+) from the cache \(no provider call\), (\d+) new, 0 failed\.")]
    private static partial Regex StudySummary();

    [GeneratedRegex(@"4 shot\(s\), (\d+) from the cache")]
    private static partial Regex GenerateSummary();
}
