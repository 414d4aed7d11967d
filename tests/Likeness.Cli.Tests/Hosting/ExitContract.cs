using System.Text.RegularExpressions;

namespace Likeness.Cli.Tests.Hosting;

/// <summary>
/// The promise every command keeps: exit code 0, 1 or 2; for 2 exactly one line on stderr; never a stack trace;
/// and for bad input no .NET type names.
/// </summary>
internal static partial class ExitContract
{
    public static void Holds(int code, string stderr, string context)
    {
        Assert.True(code is 0 or 1 or 2, $"exit code {code}: {context}\n{stderr}");
        Assert.False(StackFrame().IsMatch(stderr), $"a stack trace: {context}\n{stderr}");
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        if (code == 2)
        {
            string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, $"{lines.Length} lines on stderr for exit code 2: {context}\n{stderr}");
            Assert.StartsWith("likeness: ", lines[0], StringComparison.Ordinal);
            Assert.False(TypeName().IsMatch(stderr), $"a .NET type name: {context}\n{stderr}");
        }
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    // Not inside a path: the test's own folder is Likeness.Cli.Tests.
    [GeneratedRegex(@"(?<![/\\\w.-])(System|Likeness|Microsoft)\.[A-Z][A-Za-z]+(\.[A-Z][A-Za-z]+)*\b|\b[A-Z][A-Za-z]*Exception\b")]
    private static partial Regex TypeName();
}
