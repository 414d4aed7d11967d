using System.ComponentModel;
using System.Diagnostics;

namespace Likeness.Media.Decoding;

/// <summary>Starts ffmpeg or ffprobe with arguments passed as a list (never through a shell), saying clearly when it is missing.</summary>
internal static class MediaTool
{
    public static Process Start(string executable, string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            Process process = Process.Start(start) ?? throw Missing(executable, tool, null);
            process.StandardInput.Close();
            return process;
        }
        catch (Win32Exception ex)
        {
            throw Missing(executable, tool, ex);
        }
    }

    /// <summary>Ends the tool and everything it started, ignoring one that has already exited.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static MediaToolMissingException Missing(string executable, string tool, Exception? inner) =>
        new(tool, $"{tool} was not found ('{executable}'): install FFmpeg (Debian: apt-get install ffmpeg) or name it with {(tool == "ffprobe" ? FfmpegOptions.FfprobeVariable : FfmpegOptions.FfmpegVariable)}.", inner);
}
