using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Likeness.Cli.Tests;

/// <summary>Runs the CLI in a child process (for what in-process runs cannot show: being killed, a fresh process, its own environment).</summary>
internal sealed class ChildCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<string> Found)> _waiters = [];

    private ChildCli(Process process) => _process = process;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The CLI as built in its own output folder (see the test project file).</summary>
    private static readonly string CliAssembly = typeof(ChildCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CliAssembly").Value!;

    /// <summary>Starts <c>likeness ARGS</c> from the CLI's output folder with extra environment variables.</summary>
    public static ChildCli Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // Standard input is an empty pipe: the child is never interactive, as in a script or CI.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.GetFullPath(CliAssembly));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildCli(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the exit, at most <paramref name="timeout"/>; kills it and fails past that.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"likeness did not finish within {timeout.TotalSeconds} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>The first output line (already printed or still to come) that <paramref name="matches"/>; fails past <paramref name="timeout"/>.</summary>
    public async Task<string> LineAsync(Func<string, bool> matches, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            string? earlier = _output.ToString().Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault(matches);
            if (earlier is not null)
            {
                return earlier;
            }

            _waiters.Add((matches, found));
        }

        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"likeness printed no such line within {timeout.TotalSeconds} s:\n{Output}");
            throw;
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C on a terminal does.</summary>
    public void Interrupt()
    {
        using Process kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Kills the process at once, as a crash or an operator would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
                foreach (var waiter in _waiters.Where(w => w.Matches(line.Trim())).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Found.TrySetResult(line.Trim());
                }
            }
        }
    }
}
