using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Likeness.Cli.Hosting;
using Likeness.Imaging;

namespace Likeness.Cli.Commands.Bench;

/// <summary>
/// <c>likeness bench webp FILE [--iterations N] [--dwebp PATH] [--json]</c>: the median time Likeness takes to decode a
/// WebP file to RGB(A), and, in the same run with the runs interleaved so both see the same machine load, the
/// median decode time dwebp reports for itself (<c>dwebp -v</c>'s "Time to decode picture", which excludes its
/// process start and file writing), and their ratio.
/// </summary>
internal static partial class BenchWebPCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A WebP file (a 12-megapixel lossy one for the decoder target)." };
        var runs = new Option<int>("--iterations") { Description = "Timed decodes of each decoder (after one warm-up).", DefaultValueFactory = _ => 10 };
        var dwebp = new Option<string>("--dwebp") { Description = "The dwebp program to compare with.", DefaultValueFactory = _ => "dwebp" };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var command = new Command("webp", "Time WebP decoding against dwebp on the same file, in the same run.") { file, runs, dwebp, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            int runCount = parse.GetValue(runs);
            if (runCount < 1)
            {
                throw new CliUsageException("--iterations must be at least 1.");
            }

            FileInfo input = parse.GetValue(file)!;
            byte[] data = await File.ReadAllBytesAsync(input.FullName, cancellationToken).ConfigureAwait(false);
            ImageInfo info = ImageDecoder.Identify(data);
            if (info.Format != ImageFormat.WebP)
            {
                throw new CliUsageException($"{input.Name} is not a WebP file.");
            }

            WebPBenchResult result = await MeasureAsync(input.FullName, data, info, runCount, parse.GetValue(dwebp)!, cancellationToken).ConfigureAwait(false);
            TextWriter output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(result) : result.ToText()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<WebPBenchResult> MeasureAsync(
        string path, byte[] data, ImageInfo info, int runs, string dwebp, CancellationToken cancellationToken)
    {
        var ours = new List<double>();
        var theirs = new List<double>();
        string? dwebpProblem = null;
        for (int run = -1; run < runs; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = Stopwatch.GetTimestamp();
            using (ImageDecoder.Decode(data))
            {
                if (run >= 0)
                {
                    ours.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            if (dwebpProblem is null)
            {
                (double? ms, dwebpProblem) = await RunDwebpAsync(dwebp, path, info.HasAlpha, cancellationToken).ConfigureAwait(false);
                if (run >= 0 && ms is double value)
                {
                    theirs.Add(value);
                }
            }
        }

        double oursMs = Samples.Median(ours);
        double? dwebpMs = theirs.Count > 0 ? Samples.Median(theirs) : null;
        return new WebPBenchResult(
            Path.GetFileName(path), info.Width, info.Height, info.Lossless == true ? "lossless" : "lossy", runs,
            oursMs, dwebpMs, dwebpMs is double d && d > 0 ? oursMs / d : null, dwebpProblem);
    }

    /// <summary>One dwebp decode to PPM (PAM with alpha) into the null device; its own timer, in milliseconds.</summary>
    private static async Task<(double? Ms, string? Problem)> RunDwebpAsync(string dwebp, string path, bool alpha, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(dwebp)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-v", alpha ? "-pam" : "-ppm", path, "-o", OperatingSystem.IsWindows() ? "NUL" : "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            string stderr = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await stdout.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            Match match = DecodeTime().Match(stderr);
            return process.ExitCode == 0 && match.Success
                ? (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 1000, null)
                : (null, $"dwebp exited with {process.ExitCode} without a decode time");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, $"dwebp was not found ('{dwebp}'); install Debian's webp package to compare");
        }
    }

    [GeneratedRegex(@"Time to decode picture: ([0-9.]+)s")]
    private static partial Regex DecodeTime();
}

/// <summary>The <c>bench webp</c> result: medians in milliseconds; the dwebp fields are null when it could not run.</summary>
internal sealed record WebPBenchResult(
    string File,
    int Width,
    int Height,
    string Kind,
    int Runs,
    double LikenessMsMedian,
    double? DwebpMsMedian,
    double? Ratio,
    string? DwebpProblem)
{
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        {File}: {Width}x{Height} {Kind}, {Runs} runs (median)
        likeness  {LikenessMsMedian,8:F1} ms
        dwebp     {(DwebpMsMedian is double d ? $"{d,8:F1} ms" : "       -   " + DwebpProblem)}
        ratio     {(Ratio is double r ? $"{r,8:F2}" : "       -")}
        """);
}
