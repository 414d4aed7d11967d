using System.Diagnostics;
using Likeness.Imaging;
using Likeness.Testing;
using Likeness.Workspace.Studies.Reporting;

namespace Likeness.Workspace.Tests.Studies;

/// <summary>
/// Opens a report built from a synthetic study in headless Chromium: the page must render (a non-blank screenshot) with
/// no console error and no failed resource. CHROMIUM names the browser (default /usr/bin/chromium); the test is reported
/// as skipped when it is absent unless LIKENESS_REQUIRE_CHROMIUM=1 (CI). LIKENESS_KEEP_REPORT=DIR keeps the report and screenshot.
/// </summary>
public class ReportInChromiumTests
{
    [ChromiumFact]
    public async Task Report_opens_in_chromium_without_errors()
    {
        string chromium = ChromiumFactAttribute.Executable;
        using var folder = new TempFolder();
        await StudyOutputs.WriteAsync(SyntheticStudy.Create(folder.Path), folder.Path);
        string screenshot = folder.Combine("report.png");
        string log = await RunAsync(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            $"--user-data-dir={folder.Combine("profile")}", $"--screenshot={screenshot}", "--window-size=1400,3000",
            "--virtual-time-budget=5000", new Uri(folder.Combine("report.html")).AbsoluteUri,
        ]);

        string[] problems = [.. log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("net::ERR_", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal))];
        Assert.True(problems.Length == 0, "Chromium reported:\n" + string.Join('\n', problems));
        Assert.True(File.Exists(screenshot), "No screenshot. Chromium said:\n" + log);
        using (DecodedImage png = ImageDecoder.DecodeFile(screenshot))
        {
            Assert.Equal(1400, png.Image.Width);
            Assert.True(DistinctColours(png.Image) > 200, "The screenshot is (nearly) blank.");
        }

        if (Environment.GetEnvironmentVariable("LIKENESS_KEEP_REPORT") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (string file in Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/profile/", StringComparison.Ordinal)))
            {
                string target = Path.Combine(keep, Path.GetRelativePath(folder.Path, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    private static int DistinctColours(Image image)
    {
        var colours = new HashSet<int>();
        ReadOnlySpan<byte> pixels = image.Pixels;
        for (int i = 0; i + 2 < pixels.Length; i += image.BytesPerPixel * 7)
        {
            colours.Add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        }

        return colours.Count;
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return await stdout + await stderr;
    }
}
