using Likeness.Testing;

namespace Likeness.Cli.Tests.Hosting;

/// <summary>The red team's cases: each exits 1 or 2 with one clear line, never a stack trace or a type name.</summary>
public sealed class ExitCodeContractTests
{
    private static readonly string Cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
    private static readonly string[] Photos = ["obama1.jpg", "obama2.jpg", "obama3.jpg"];

    [Theory]
    [InlineData("a file as the home", 2, "is a file, not a folder")]
    [InlineData("a corrupt likeness.db", 1, "cannot be used: it is not a SQLite database, or it is damaged")]
    [InlineData("a folder as likeness.db", 1, "cannot be used: it is a folder, not a SQLite file")]
    public async Task A_broken_home_fails_in_one_line(string broken, int expected, string message)
    {
        using var folder = new TempFolder();
        string home = folder.Path;
        switch (broken)
        {
            case "a file as the home":
                home = folder.Combine("home");
                await File.WriteAllTextAsync(home, "not a folder");
                break;
            case "a corrupt likeness.db":
                await File.WriteAllTextAsync(folder.Combine("likeness.db"), "this is not SQLite");
                break;
            default:
                Directory.CreateDirectory(folder.Combine("likeness.db"));
                break;
        }

        var (code, _, stderr) = await CliRunner.RunAsync("character", "list", "--home", home);
        ExitContract.Holds(code, stderr, broken);
        Assert.Equal(expected, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [ReadOnlyFolderFact]
    public async Task A_read_only_workspace_fails_in_one_line()
    {
        using var home = new TempFolder();
        // Made by a process that has ended, so no pooled connection of this one holds the file open.
        using (ChildCli create = ChildCli.Start(new Dictionary<string, string>(), "character", "create", "Ada", "--home", home.Path))
        {
            Assert.Equal(0, await create.WaitAsync(TimeSpan.FromMinutes(2)));
        }

        Assert.True(ReadOnlyFolder.Set(home.Path, readOnly: true));
        try
        {
            foreach (string[] args in new[] { new[] { "character", "list" }, ["character", "create", "Bob"] })
            {
                using ChildCli child = ChildCli.Start(new Dictionary<string, string>(), [.. args, "--home", home.Path]);
                int code = await child.WaitAsync(TimeSpan.FromMinutes(2));
                ExitContract.Holds(code, child.Output, string.Join(' ', args));
                Assert.Equal(1, code);
                Assert.Contains("cannot be used", child.Output, StringComparison.Ordinal);
                Assert.Single(child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        finally
        {
            ReadOnlyFolder.Set(home.Path, readOnly: false);
        }
    }

    [Fact]
    public async Task Database_urls_are_checked_without_repeating_the_password()
    {
        using var home = new TempFolder();
        foreach (string bad in new[] { "not a url", "postgres://user:hunter2@/db", "Host=;Password=hunter2", "postgres://user:hunter2@host:99999/db" })
        {
            using ChildCli child = ChildCli.Start(new Dictionary<string, string> { ["LIKENESS_DATABASE_URL"] = bad }, "character", "list", "--home", home.Path);
            int code = await child.WaitAsync(TimeSpan.FromMinutes(2));
            ExitContract.Holds(code, child.Output, bad);
            Assert.Equal(2, code);
            Assert.Contains("LIKENESS_DATABASE_URL", child.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", child.Output, StringComparison.Ordinal);
        }

        // A URL is accepted and used: here nothing listens on the port, which is a failure of the environment.
        using ChildCli url = ChildCli.Start(new Dictionary<string, string> { ["LIKENESS_DATABASE_URL"] = "postgres://user:hunter2@127.0.0.1:9/likeness?Timeout=2" }, "character", "list", "--home", home.Path);
        int urlCode = await url.WaitAsync(TimeSpan.FromMinutes(2));
        ExitContract.Holds(urlCode, url.Output, "postgres URL");
        Assert.Equal(1, urlCode);
        Assert.Contains("The workspace database postgres://127.0.0.1:9/likeness cannot be used", url.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", url.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_cast_file_is_bad_input_with_its_line()
    {
        using var cast = new TempFolder();
        using var home = new TempFolder();
        foreach ((string json, string expected) in new[]
        {
            ("{\"characters\": [\n  {name: 1}]}", "line 2"),
            ("{\"characters\": [{\"name\": \"Ada\", \"references\": 3}]}", "a value has the wrong type"),
            ("{\"characters\": [{\"name\": \"Ada\"}]}", "every character needs a \"name\" and \"references\""),
            ("null", "every character needs"),
        })
        {
            await File.WriteAllTextAsync(cast.Combine("cast.json"), json);
            var (code, _, stderr) = await CliRunner.RunAsync("demo", "--cast", cast.Path, "-o", home.Combine("out"), "--home", home.Path);
            ExitContract.Holds(code, stderr, json);
            Assert.Equal(2, code);
            Assert.Contains("cast.json is not a cast file", stderr, StringComparison.Ordinal);
            Assert.Contains(expected, stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_edited_results_file_is_bad_input_without_type_names()
    {
        using var study = new TempFolder();
        foreach (string json in new[] { "{\"results\": 5}", "{\"results\": {\"shots\": \"many\"}}", "{}", "{\"results\": ", "[1, 2]" })
        {
            await File.WriteAllTextAsync(study.Combine("results.json"), json);
            var (code, _, stderr) = await CliRunner.RunAsync("study", "report", study.Path);
            ExitContract.Holds(code, stderr, json);
            Assert.Equal(2, code);
            Assert.Contains("is not a study's results.json", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_yaml_syntax_error_names_its_line()
    {
        using var folder = new TempFolder();
        string file = folder.Combine("study.yaml");
        await File.WriteAllTextAsync(file, "name: s\nproviders: [sim-lora]\ncharacters:\n  - name: [a\n   b: c\n");
        var (code, _, stderr) = await CliRunner.RunAsync("study", "run", file, "--home", folder.Path);
        ExitContract.Holds(code, stderr, "yaml");
        Assert.Equal(2, code);
        Assert.Contains("study.yaml:4: (syntax): not valid YAML or JSON", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generate", "-c", "Ada", "--prompt", "x", "--count", "abc")]
    [InlineData("generate", "-c", "Ada", "--prompt", "x", "--seed", "99999999999999999999999")]
    [InlineData("character", "add-refs", "Ada", "a.jpg", "--role", "Sideways")]
    [InlineData("video", "--pin", "p", "--prompt", "x", "--duration", "1.5")]
    [InlineData("generate", "--count", "-1")]
    public async Task Parse_errors_are_one_line_without_type_names(params string[] args)
    {
        using var home = new TempFolder();
        var (code, _, stderr) = await CliRunner.RunAsync([.. args, "--home", home.Path]);
        ExitContract.Holds(code, stderr, string.Join(' ', args));
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Generate_fails_when_a_shot_fails_and_refuses_an_empty_prompt()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(p => Path.Combine(Cast, p)), "--home", home.Path])).ExitCode);

        var (empty, _, emptyErr) = await CliRunner.RunAsync("generate", "-c", "Ada", "--prompt", " ", "--home", home.Path);
        ExitContract.Holds(empty, emptyErr, "empty prompt");
        Assert.Equal((2, "likeness: --prompt is empty: say what the shot shows."), (empty, emptyErr.TrimEnd()));

        using ChildCli child = ChildCli.Start(new Dictionary<string, string> { ["LIKENESS_SIM_FAILURE_RATE"] = "1" }, "generate", "-c", "Ada", "--prompt", "on a boat", "-n", "2", "--home", home.Path);
        int code = await child.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(code == 1, child.Output);
        Assert.Contains("likeness: 2 of 2 shot(s) failed.", child.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", child.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_character_is_renamed_and_a_taken_or_unknown_name_is_refused()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Bob", "--home", home.Path)).ExitCode);

        var (taken, _, takenErr) = await CliRunner.RunAsync("character", "rename", "Ada", "BOB", "--home", home.Path);
        ExitContract.Holds(taken, takenErr, "taken");
        Assert.Equal((2, "likeness: A character named 'Bob' already exists; names that differ only in case, spacing or Unicode form name the same character."), (taken, takenErr.TrimEnd()));

        var (unknown, _, unknownErr) = await CliRunner.RunAsync("character", "rename", "Nobody", "Somebody", "--home", home.Path);
        Assert.Equal((2, "likeness: No character named 'Nobody'. Create it with: likeness character create \"Nobody\""), (unknown, unknownErr.TrimEnd()));

        Assert.Equal(0, (await CliRunner.RunAsync("character", "rename", "Ada", "ADA", "--home", home.Path)).ExitCode);
        var (renamed, renamedOut, renamedErr) = await CliRunner.RunAsync("character", "rename", "ada", "Ada Lovelace", "--home", home.Path);
        Assert.True(renamed == 0, renamedOut + renamedErr);
        var (_, shown, _) = await CliRunner.RunAsync("character", "show", "ada lovelace", "--home", home.Path);
        Assert.StartsWith("Ada Lovelace  (trigger 'adaqzx'", shown, StringComparison.Ordinal);
        Assert.Equal(2, (await CliRunner.RunAsync("character", "show", "Ada", "--home", home.Path)).ExitCode);
    }
}
