using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Hosting;

/// <summary>
/// Runs every command of the tree (found from the root, so new commands are included) with hostile values in
/// every argument and option, and in hostile environments, and checks the exit-code contract each time: 0, 1 or
/// 2; one line on stderr for 2; never a stack trace.
/// </summary>
public sealed class HostileArgumentTests
{
    // Long enough for a loaded 2-core machine; a run that needs it has hung on a hostile value.
    private static readonly TimeSpan PerRun = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_command_keeps_the_exit_code_contract_with_hostile_arguments()
    {
        using var scratch = new TempFolder();
        string homeFile = scratch.Combine("home-is-a-file");
        await File.WriteAllTextAsync(homeFile, "x");
        string[] values =
        [
            "", "-1", "0", "99999999999999999999", "-99999999999", "1e309", "NaN", "x\u00e9\u540d\u202e\U0001F600", "\t",
            scratch.Path, scratch.Combine("missing", "file.jpg"), "/dev/null", "../../../../../../etc/passwd", homeFile,
        ];
        var commands = Leaves(LikenessCli.CreateRootCommand(), []).ToList();
        Assert.True(commands.Count >= 30, $"only {commands.Count} commands found");

        var problems = new ConcurrentBag<string>();
        var codes = new ConcurrentBag<int>();
        using var gate = new SemaphoreSlim(2);
        await Task.WhenAll(commands.Select(async command =>
        {
            await gate.WaitAsync();
            try
            {
                using var home = new TempFolder();
                foreach (string value in values)
                {
                    // The same command once in a good home and once with a file as its home.
                    foreach (string where in new[] { home.Path, homeFile })
                    {
                        string[] args = [.. Arguments(command, value), "--home", where];
                        string? problem = await CheckAsync(args, home.Path, codes);
                        if (problem is not null)
                        {
                            problems.Add(problem);
                        }
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.True(problems.IsEmpty, string.Join("\n\n", problems.Take(20)));
        // Not everything stopped at the parser: some commands ran (and some succeeded) in the good home.
        Assert.Contains(0, codes);
        Assert.Contains(2, codes);
    }

    [Fact]
    public async Task Every_command_keeps_the_exit_code_contract_in_hostile_environments()
    {
        using var scratch = new TempFolder();
        string homeFile = scratch.Combine("home-is-a-file");
        await File.WriteAllTextAsync(homeFile, "x");
        await File.WriteAllTextAsync(scratch.Combine("prices.json"), "{\"prices\": [{\"provider\": \"sim-lora\"");
        Dictionary<string, string>[] environments =
        [
            new() { ["LIKENESS_DATABASE_URL"] = "postgres://user:hunter2@[::1/db" },
            new() { ["LIKENESS_HOME"] = homeFile },
            new() { ["LIKENESS_PRICES"] = scratch.Combine("prices.json") },
            new() { ["LIKENESS_SIM_FAILURE_RATE"] = "lots" },
            new() { ["LIKENESS_MAX_REFERENCE_BYTES"] = "12 MB" },
            new() { ["LIKENESS_S3_BUCKET"] = "b", ["AWS_ACCESS_KEY_ID"] = "only-half" },
            new() { ["HOME"] = scratch.Combine("missing"), ["LIKENESS_FACEAPI_MODELS"] = "/dev/null", ["LIKENESS_MODELS"] = homeFile },
        ];
        var commands = Leaves(LikenessCli.CreateRootCommand(), []).ToList();
        var problems = new ConcurrentBag<string>();

        // Child processes, two at a time: environment variables are per process. Each command meets one
        // environment in turn, so every environment meets several commands and the run stays bounded.
        // And every environment with a command that always opens the workspace.
        (string[] Path, Command Command) list = commands.Single(c => c.Path.SequenceEqual(["character", "list"]));
        var jobs = commands.Select((c, i) => (Command: c, Environment: environments[i % environments.Length])).Concat(environments.Select(e => (Command: list, Environment: e)));
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (job, _) =>
        {
            string[] args = [.. Arguments(job.Command, "x")];
            // A home of its own unless the environment names one: never the user's ~/.likeness.
            var environment = new Dictionary<string, string>(job.Environment);
            environment.TryAdd("LIKENESS_HOME", scratch.Combine($"home-{string.Join('-', job.Command.Path)}-{Array.IndexOf(environments, job.Environment)}"));
            using ChildCli child = ChildCli.Start(environment, args);
            int code = await child.WaitAsync(PerRun);
            string context = $"{string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"))} likeness {string.Join(' ', args)}";
            try
            {
                ExitContract.Holds(code, child.Output, context);
                Assert.DoesNotContain("hunter2", child.Output, StringComparison.Ordinal);
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                problems.Add(ex.Message);
            }
        });

        Assert.True(problems.IsEmpty, string.Join("\n\n", problems.Take(20)));
    }

    private static async Task<string?> CheckAsync(string[] args, string workingHome, ConcurrentBag<int> codes)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(PerRun);
        var clock = Stopwatch.StartNew();
        int code = await LikenessCli.RunAsync(args, output, error, timeout.Token);
        codes.Add(code);
        string context = $"likeness {string.Join(' ', args.Select(a => $"'{a}'"))} (in {workingHome}, {clock.Elapsed.TotalSeconds:0.0} s)";
        if (timeout.IsCancellationRequested)
        {
            return $"did not finish within {PerRun.TotalSeconds} s: {context}";
        }

        try
        {
            ExitContract.Holds(code, error.ToString(), context);
            return null;
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Every command that runs something, with the words that reach it.</summary>
    private static IEnumerable<(string[] Path, Command Command)> Leaves(Command command, string[] path)
    {
        if (command.Action is not null && path.Length > 0)
        {
            yield return (path, command);
        }

        foreach (Command sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, [.. path, sub.Name]))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>The command's words, <paramref name="value"/> for every argument, and every option given it (flags as themselves).</summary>
    private static IEnumerable<string> Arguments((string[] Path, Command Command) leaf, string value)
    {
        foreach (string word in leaf.Path)
        {
            yield return word;
        }

        foreach (Argument argument in leaf.Command.Arguments)
        {
            yield return value;
        }

        foreach (Option option in leaf.Command.Options)
        {
            if (option.Name == "--home" || option is System.CommandLine.Help.HelpOption)
            {
                continue;
            }

            yield return option.Name;
            if (option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool))
            {
                yield return value;
            }
        }
    }
}
