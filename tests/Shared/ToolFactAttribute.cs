using System.Collections.Concurrent;
using System.Diagnostics;

namespace Likeness.Testing;

/// <summary>
/// A fact that needs a command-line tool on the PATH. Where it is missing the fact is reported as skipped with the
/// reason, unless its <c>LIKENESS_REQUIRE_…=1</c> variable is set (CI installs the tool and sets it), where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public abstract class ToolFactAttribute : FactAttribute
{
    private static readonly ConcurrentDictionary<string, bool> Present = new(StringComparer.Ordinal);

    /// <summary>Skips unless <paramref name="tool"/> runs with <paramref name="versionArgument"/> or <paramref name="requireVariable"/> is 1.</summary>
    protected ToolFactAttribute(string tool, string versionArgument, string package, string requireVariable)
    {
        if (!Installed(tool, versionArgument) && Environment.GetEnvironmentVariable(requireVariable) != "1")
        {
            Skip = $"{tool} is not installed (apt-get install {package}): this test did not run.";
        }
    }

    /// <summary>Whether <paramref name="tool"/> runs here (asked once per tool).</summary>
    public static bool Installed(string tool, string versionArgument) =>
        Present.GetOrAdd(tool, _ => CommandLineTool.TryRun(tool, versionArgument));
}

/// <summary>A fact that needs <c>cwebp</c> (Debian <c>webp</c>); required where <c>LIKENESS_REQUIRE_CWEBP=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CwebpFactAttribute() : ToolFactAttribute("cwebp", "-version", "webp", "LIKENESS_REQUIRE_CWEBP");

/// <summary>A fact that needs <c>jpegtran</c> (Debian <c>libjpeg-turbo-progs</c>); required where <c>LIKENESS_REQUIRE_JPEGTRAN=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class JpegtranFactAttribute() : ToolFactAttribute("jpegtran", "-version", "libjpeg-turbo-progs", "LIKENESS_REQUIRE_JPEGTRAN");

/// <summary>Runs command-line tools for tests: makes and reads files independently of the code under test.</summary>
public static class CommandLineTool
{
    /// <summary>Runs <paramref name="tool"/> and returns stdout and stderr; throws with stderr when it fails.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string log = error.Result;
        return process.ExitCode == 0 ? output + log : throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {log}");
    }

    /// <summary>Whether <paramref name="tool"/> runs with <paramref name="argument"/> and succeeds.</summary>
    public static bool TryRun(string tool, string argument)
    {
        try
        {
            Run(tool, argument);
            return true;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}
