namespace Likeness.Testing;

/// <summary>
/// A fact that reads this process's open files from Linux's /proc (to see that an unlinked temporary file is closed).
/// Elsewhere it is reported as skipped with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProcFsFactAttribute : FactAttribute
{
    /// <summary>Skips where /proc/self/fd is missing.</summary>
    public ProcFsFactAttribute()
    {
        if (!Directory.Exists("/proc/self/fd"))
        {
            Skip = "Counting a process's open files needs Linux's /proc/self/fd: this test did not run.";
        }
    }

    /// <summary>This process's open handles on <paramref name="path"/> (which may be unlinked already).</summary>
    public static int OpenHandlesTo(string path) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget is { } target && target.StartsWith(path, StringComparison.Ordinal));
}
