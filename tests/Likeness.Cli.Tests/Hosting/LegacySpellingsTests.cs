using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Likeness.Cli.Hosting;

namespace Likeness.Cli.Tests.Hosting;

public sealed class LegacySpellingsTests
{
    [Fact]
    public void Old_spellings_become_the_current_names_before_a_separator_and_in_name_value_form()
    {
        Assert.Equal(
            ["demo", "--output", "dir", "--count=2", "--aspect-ratio", "9:16", "--iterations", "3", "--", "--out"],
            LegacySpellings.Rewrite(["demo", "--out", "dir", "--n=2", "--aspect", "9:16", "--runs", "3", "--", "--out"]));
        Assert.Equal(["--output", "--outline", "-n", "--count"], LegacySpellings.Rewrite(["--output", "--outline", "-n", "--count"]));
    }

    public static TheoryData<string, string[], string, string> EveryOldSpelling => new()
    {
        { "--out", ["demo"], "--output", "/tmp/likeness-demo" },
        { "--out", ["video", "--pin", "p1", "--prompt", "walks"], "--output", "/tmp/clip.mp4" },
        { "--out", ["study", "run", "study.yaml"], "--output", "/tmp/likeness-study" },
        { "--n", ["generate", "-c", "Ada", "--prompt", "on a boat"], "--count", "3" },
        { "--aspect", ["generate", "-c", "Ada", "--prompt", "on a boat"], "--aspect-ratio", "9:16" },
        { "--aspect", ["video", "--pin", "p1", "--prompt", "walks"], "--aspect-ratio", "1:1" },
        { "--runs", ["bench", "faces", "a.jpg"], "--iterations", "4" },
        { "--runs", ["bench", "webp", "a.webp"], "--iterations", "5" },
    };

    [Theory]
    [MemberData(nameof(EveryOldSpelling))]
    public void Each_old_spelling_parses_to_the_same_value_as_its_current_name(string old, string[] command, string current, string value)
    {
        Assert.Equal(current, LegacySpellings.Current[old]);
        ParseResult before = Parse([.. command, old, value]);
        ParseResult joined = Parse([.. command, $"{old}={value}"]);
        ParseResult now = Parse([.. command, current, value]);

        Assert.Empty(before.Errors);
        Assert.Empty(joined.Errors);
        Assert.Empty(now.Errors);
        Assert.Equal(value, Value(now, current));
        Assert.Equal(value, Value(before, current));
        Assert.Equal(value, Value(joined, current));
    }

    [Fact]
    public void Every_old_spelling_is_listed_above_and_covered_by_a_case()
    {
        Assert.Equal(
            LegacySpellings.Current.Keys.Order(StringComparer.Ordinal),
            EveryOldSpelling.Select(row => (string)row[0]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_command_declares_an_old_spelling_and_every_current_name_is_declared()
    {
        Option[] options = [.. Commands(LikenessCli.CreateRootCommand()).SelectMany(c => c.Options)];
        string[] names = [.. options.SelectMany(o => o.Aliases.Append(o.Name)).Distinct()];
        Assert.Empty(names.Intersect(LegacySpellings.Current.Keys));
        Assert.All(LegacySpellings.Current.Values, current => Assert.Contains(current, names));
    }

    [Fact]
    public async Task Help_shows_the_current_names_and_never_an_old_spelling()
    {
        RootCommand root = LikenessCli.CreateRootCommand();
        int checkedCommands = 0;
        foreach ((string[] path, Command command) in Paths(root, []))
        {
            string[] declared = [.. command.Options.Select(o => o.Name)];
            if (!LegacySpellings.Current.Values.Any(name => declared.Contains(name)))
            {
                continue;
            }

            var (code, output, _) = await CliRunner.RunAsync([.. path, "--help"]);
            Assert.Equal(0, code);
            foreach ((string old, string current) in LegacySpellings.Current.Where(p => declared.Contains(p.Value)))
            {
                Assert.Contains(current, output, StringComparison.Ordinal);
                Assert.False(Token(old).IsMatch(output), $"'likeness {string.Join(' ', path)} --help' shows {old}:\n{output}");
            }

            checkedCommands++;
        }

        Assert.True(checkedCommands >= 8, $"only {checkedCommands} commands declare a renamed option");
    }

    [Fact]
    public async Task Help_lists_the_short_aliases()
    {
        var (_, generate, _) = await CliRunner.RunAsync("generate", "--help");
        Assert.Contains("-c, --character", generate, StringComparison.Ordinal);
        Assert.Contains("-p, --provider", generate, StringComparison.Ordinal);
        Assert.Contains("-n, --count", generate, StringComparison.Ordinal);
        var (_, video, _) = await CliRunner.RunAsync("video", "--help");
        Assert.Contains("-o, --output", video, StringComparison.Ordinal);
        Assert.Contains("-p, --provider", video, StringComparison.Ordinal);
    }

    private static ParseResult Parse(string[] args) => LikenessCli.CreateRootCommand().Parse(LegacySpellings.Rewrite(args));

    /// <summary>The value the command's option <paramref name="name"/> parsed to, as text.</summary>
    private static string? Value(ParseResult parse, string name) =>
        parse.CommandResult.Command.Options.Single(o => o.Name == name) switch
        {
            Option<int> o => parse.GetValue(o).ToString(CultureInfo.InvariantCulture),
            Option<string> o => parse.GetValue(o),
            Option<FileInfo> o => parse.GetValue(o)?.FullName,
            Option<DirectoryInfo> o => parse.GetValue(o)?.FullName,
            var other => throw new InvalidOperationException($"{name} is an {other.GetType().Name}: say here how to read it."),
        };

    private static IEnumerable<Command> Commands(Command command) => [command, .. command.Subcommands.SelectMany(Commands)];

    private static IEnumerable<(string[] Path, Command Command)> Paths(Command command, string[] path) =>
        [(path, command), .. command.Subcommands.SelectMany(c => Paths(c, [.. path, c.Name]))];

    /// <summary>The spelling as a whole option token: <c>--out</c> but not <c>--output</c>, <c>--n</c> but not <c>--no-cache</c>.</summary>
    private static Regex Token(string spelling) => new($"(?<![\\w-]){Regex.Escape(spelling)}(?![\\w-])", RegexOptions.CultureInvariant);
}
