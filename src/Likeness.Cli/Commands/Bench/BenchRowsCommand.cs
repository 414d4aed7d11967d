using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Imaging.Rows;

namespace Likeness.Cli.Commands.Bench;

/// <summary>
/// <c>likeness bench rows FILE... [--passes K] [--iterations N] [--json]</c>: what reading an image by rows (as the
/// reference checks do, so a request never holds its pixels) costs in time against decoding it whole, on the same file
/// with the runs interleaved so both see the same machine load: the whole decode (every core), one read by rows, and
/// <c>K</c> reads of one source (the checks with faces read a file up to four times) decoding each time and keeping the
/// first read's rows (<see cref="ImageRows.KeepsRows"/>). Upright, as the checks read: an EXIF orientation is applied.
/// </summary>
internal static class BenchRowsCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILES") { Description = "PNG, JPEG or WebP files.", Arity = ArgumentArity.OneOrMore };
        var runs = new Option<int>("--iterations") { Description = "Timed runs of each way (after one warm-up).", DefaultValueFactory = _ => 5 };
        var passes = new Option<int>("--passes") { Description = "Reads of one source, as the checks with faces make (4).", DefaultValueFactory = _ => 4 };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var command = new Command("rows", "Time reading images by rows against decoding them whole, in the same run.") { files, runs, passes, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            int runCount = parse.GetValue(runs), passCount = parse.GetValue(passes);
            if (runCount < 1 || passCount < 1)
            {
                throw new CliUsageException("--iterations and --passes must be at least 1.");
            }

            var results = new List<RowsBenchResult>();
            foreach (FileInfo file in parse.GetValue(files)!)
            {
                byte[] data = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
                results.Add(Measure(file.Name, data, runCount, passCount, cancellationToken));
            }

            TextWriter output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(results) : RowsBenchResult.ToText(results)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static RowsBenchResult Measure(string name, byte[] data, int runs, int passes, CancellationToken cancellationToken)
    {
        DecodeOptions options = DecodeOptions.Upright;
        ImageInfo info;
        bool kept;
        using (ImageRows probe = ImageRows.TryOpen(data, options) ?? throw new CliUsageException($"{name} is not read by rows (only PNG, JPEG and still WebP files are)."))
        {
            (info, kept) = (probe.Info, probe.KeepsRows);
        }

        var whole = new List<double>();
        var once = new List<double>();
        var decoding = new List<double>();
        var keeping = new List<double>();
        for (int run = -1; run < runs; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double wholeMs = Time(() => ImageDecoder.Decode(data, options).Dispose());
            double onceMs = Time(() => Read(data, options, 1, keep: false));
            double decodingMs = Time(() => Read(data, options, passes, keep: false));
            double keepingMs = Time(() => Read(data, options, passes, keep: true));
            if (run >= 0)
            {
                whole.Add(wholeMs);
                once.Add(onceMs);
                decoding.Add(decodingMs);
                keeping.Add(keepingMs);
            }
        }

        double wholeMedian = Samples.Median(whole), onceMedian = Samples.Median(once);
        double decodingMedian = Samples.Median(decoding), keepingMedian = Samples.Median(keeping);
        return new RowsBenchResult(
            name, FormatName(info), info.Width, info.Height, info.ExifOrientation, kept, passes, runs, wholeMedian,
            onceMedian, decodingMedian, keepingMedian, onceMedian / wholeMedian, decodingMedian / wholeMedian, keepingMedian / wholeMedian);
    }

    /// <summary><paramref name="passes"/> reads of every row from one source, decoding each time or copying kept rows.</summary>
    private static void Read(byte[] data, DecodeOptions options, int passes, bool keep)
    {
        using ImageRows rows = ImageRows.TryOpen(data, options)!;
        rows.KeepsRows = keep;
        for (int pass = 0; pass < passes; pass++)
        {
            rows.Stream(Discard.Instance);
        }
    }

    private static double Time(Action action)
    {
        long started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string FormatName(ImageInfo info) => info.Format switch
    {
        ImageFormat.Jpeg => info.Progressive ? "progressive jpeg" : "jpeg",
        ImageFormat.Png => info.Interlaced ? "interlaced png" : "png",
        ImageFormat.WebP => info.Lossless == true ? "lossless webp" : "lossy webp",
        _ => info.Format.ToString().ToLowerInvariant(),
    };

    /// <summary>Takes the rows and drops them: the read's own cost is what is timed.</summary>
    private sealed class Discard : IImageRowSink
    {
        public static readonly Discard Instance = new();

        public void Accept(int y, ReadOnlySpan<byte> row)
        {
        }
    }
}

/// <summary>
/// One file's <c>bench rows</c> result: medians in milliseconds, each by-rows median over the whole decode's;
/// <see cref="KeptByDefault"/>: whether <see cref="ImageRows.KeepsRows"/> is on for the file without asking.
/// </summary>
internal sealed record RowsBenchResult(
    string File,
    string Kind,
    int Width,
    int Height,
    int ExifOrientation,
    bool KeptByDefault,
    int Passes,
    int Runs,
    double WholeDecodeMsMedian,
    double OneReadMsMedian,
    double PassesDecodingMsMedian,
    double PassesKeepingMsMedian,
    double OneReadRatio,
    double PassesDecodingRatio,
    double PassesKeepingRatio)
{
    public static string ToText(IReadOnlyList<RowsBenchResult> results)
    {
        var text = new StringBuilder();
        foreach (RowsBenchResult r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"""
                {r.File}: {r.Width}x{r.Height} {r.Kind}, orientation {r.ExifOrientation}, {r.Runs} runs (median){(r.KeptByDefault ? "; rows kept by default" : "")}
                whole decode                   {r.WholeDecodeMsMedian,8:F1} ms
                one read by rows               {r.OneReadMsMedian,8:F1} ms  ({r.OneReadRatio:F2} x the whole decode)
                {r.Passes} reads, decoding each         {r.PassesDecodingMsMedian,8:F1} ms  ({r.PassesDecodingRatio:F2} x)
                {r.Passes} reads, keeping the first's   {r.PassesKeepingMsMedian,8:F1} ms  ({r.PassesKeepingRatio:F2} x)
                """);
        }

        return text.ToString().TrimEnd();
    }
}
