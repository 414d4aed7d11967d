using System.Diagnostics;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Png;

/// <summary>
/// Files our encoder writes decode to exactly the same pixels in PIL (tolerance: none). Needs python3 with PIL
/// (Debian: apt-get install python3-pil); without it the test is reported as skipped, with the reason.
/// </summary>
public sealed class PngPilInteropTests
{
    [PilFact]
    public void PIL_decodes_our_files_to_the_same_pixels()
    {
        string directory = Directory.CreateTempSubdirectory("likeness-png-").FullName;
        try
        {
            using DecodedImage photo = ImageDecoder.Decode(PngTestFiles.Read("photo-rgba.png"));
            using Image photoRgb = photo.Image.ConvertTo(PixelFormat.Rgb24);
            using Image randomRgb = PngRoundTripTests.RandomImage(101, 37, PixelFormat.Rgb24, seed: 1);
            using Image randomRgba = PngRoundTripTests.RandomImage(37, 101, PixelFormat.Rgba32, seed: 2);
            foreach ((string name, Image image) in new[] { ("photo-rgba", photo.Image), ("photo-rgb", photoRgb), ("random-rgb", randomRgb), ("random-rgba", randomRgba) })
            {
                ImageEncoder.EncodeFile(image, Path.Combine(directory, name + ".png"));
                using Image rgba = image.ConvertTo(PixelFormat.Rgba32);
                File.WriteAllBytes(Path.Combine(directory, name + ".rgba"), rgba.Pixels.ToArray());
            }

            (int exitCode, string output) = PilFactAttribute.Run(RepoPaths.TestData("png", "check-with-pil.py"), directory);

            Assert.True(exitCode == 0, output);
            Assert.Contains("4 of 4 files decode identically with PIL", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>A fact that is skipped, saying why, when no python3 with PIL can be found.</summary>
public sealed class PilFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Python = new(FindPython);

    public PilFactAttribute()
    {
        if (Python.Value is null)
        {
            Skip = "python3 with PIL is not installed (apt-get install python3-pil); the PIL interop check did not run.";
        }
    }

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python.Value ?? throw new InvalidOperationException("python3 with PIL not found"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>Debian's python3 first (where apt installs PIL), then whatever python3 is on the PATH.</summary>
    private static string? FindPython()
    {
        foreach (string candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using Process? process = Process.Start(new ProcessStartInfo(candidate, ["-c", "import PIL"]) { RedirectStandardError = true });
                if (process is not null)
                {
                    process.StandardError.ReadToEnd();
                    process.WaitForExit();
                    if (process.ExitCode == 0)
                    {
                        return candidate;
                    }
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed: try the next one
            }
        }

        return null;
    }
}
