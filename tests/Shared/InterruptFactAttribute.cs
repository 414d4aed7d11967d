using System.Globalization;

namespace Likeness.Testing;

/// <summary>
/// A fact that sends Ctrl+C (SIGINT) to a child process. A process started as a background job of a non-interactive
/// shell (<c>./test.sh &amp;</c>, <c>nohup</c>) inherits SIGINT as ignored, and every child it starts keeps ignoring it
/// (POSIX keeps an ignored signal ignored across exec, and .NET honours that), so the child cannot see Ctrl+C at all.
/// There the test is reported as skipped with the reason, never run into a timeout or a silent pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InterruptFactAttribute : FactAttribute
{
    /// <summary>Skips where this process ignores SIGINT.</summary>
    public InterruptFactAttribute()
    {
        if (SigintIgnored())
        {
            Skip = "SIGINT is ignored by this test process (it was started as a background job), so a child cannot receive Ctrl+C: this test did not run. Run the tests in the foreground.";
        }
    }

    /// <summary>Whether the SigIgn mask of /proc/self/status has SIGINT (signal 2, bit 1); false where there is no /proc.</summary>
    private static bool SigintIgnored()
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return false;
        }

        string? line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong mask)
            && (mask & (1UL << 1)) != 0;
    }
}
