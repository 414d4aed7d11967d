using System.Diagnostics;

namespace Likeness.Cli.Tests.Hosting;

/// <summary>
/// Makes a folder and everything in it read-only, and writable again. Root ignores file modes, so as root it
/// sets the immutable attribute (chattr +i), where the file system and the container allow it.
/// </summary>
internal static class ReadOnlyFolder
{
    private static readonly bool IsRoot = Environment.UserName == "root";

    /// <summary>True when <paramref name="path"/> could be made read-only (or writable again).</summary>
    public static bool Set(string path, bool readOnly)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (IsRoot)
        {
            try
            {
                using Process chattr = Process.Start(new ProcessStartInfo("chattr", ["-R", readOnly ? "+i" : "-i", path]) { RedirectStandardError = true })!;
                chattr.WaitForExit();
                return chattr.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }

        foreach (string entry in Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories).Append(path))
        {
            UnixFileMode mode = File.GetUnixFileMode(entry);
            const UnixFileMode write = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
            File.SetUnixFileMode(entry, readOnly ? mode & ~write : mode | UnixFileMode.UserWrite);
        }

        return true;
    }
}

/// <summary>A fact that needs a read-only folder; skipped, with the reason, where none can be made.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ReadOnlyFolderFactAttribute : FactAttribute
{
    public ReadOnlyFolderFactAttribute()
    {
        string probe = Directory.CreateTempSubdirectory("likeness-ro-").FullName;
        try
        {
            bool made = ReadOnlyFolder.Set(probe, readOnly: true);
            bool refused = made && !CanWrite(probe);
            ReadOnlyFolder.Set(probe, readOnly: false);
            if (!refused)
            {
                Skip = "This machine cannot make a read-only folder for this user (root without chattr +i).";
            }
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }

    private static bool CanWrite(string folder)
    {
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "x");
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
