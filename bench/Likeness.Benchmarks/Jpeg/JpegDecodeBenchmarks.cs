using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Likeness.Imaging;
using Likeness.Imaging.Codecs.Jpeg.Decoding;

namespace Likeness.Benchmarks.Jpeg;

/// <summary>
/// Our JPEG decode of a 12-megapixel baseline and progressive file, side by side with libjpeg-turbo's djpeg on
/// the same files (run as a process writing to /dev/null; <see cref="DjpegProcessStart"/> measures the process
/// start on a 1x1 JPEG so it can be subtracted). Make the files first with make-12mp.sh (it writes
/// Jpeg/data/ next to this file; set LIKENESS_JPEG_BENCH_DATA to use another folder).
/// djpeg is single-threaded; our Threads=2 runs entropy decoding and pixel output on two threads (baseline) or
/// the IDCT and colour conversion on two threads (progressive). Min is shown because on a shared machine the
/// mean mostly measures the neighbours.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class JpegDecodeBenchmarks
{
    private byte[] _data = [];
    private string _path = "";
    private string _tiny = "";

    [Params("12mp-baseline.jpg", "12mp-progressive.jpg")]
    public string File { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string dir = DataFolder();
        _path = Path.Combine(dir, File);
        _tiny = Path.Combine(dir, "tiny.jpg");
        if (!System.IO.File.Exists(_path) || !System.IO.File.Exists(_tiny))
        {
            throw new FileNotFoundException($"Run bench/Likeness.Benchmarks/Jpeg/make-12mp.sh first (looked in {dir}).");
        }

        _data = System.IO.File.ReadAllBytes(_path);
    }

    [Benchmark]
    public int Likeness()
    {
        using DecodedImage decoded = JpegDecoder.Decode(_data, ImageLimits.Default, Threads);
        return decoded.Image.Width;
    }

    [Benchmark]
    public int Djpeg() => RunDjpeg(_path);

    [Benchmark]
    public int DjpegProcessStart() => RunDjpeg(_tiny);

    private static int RunDjpeg(string file)
    {
        using Process process = Process.Start(new ProcessStartInfo("djpeg", ["-outfile", "/dev/null", file]))
            ?? throw new InvalidOperationException("djpeg did not start (apt-get install libjpeg-turbo-progs).");
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string DataFolder()
    {
        string? configured = Environment.GetEnvironmentVariable("LIKENESS_JPEG_BENCH_DATA");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "Likeness.Benchmarks", "Jpeg", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine("bench", "Likeness.Benchmarks", "Jpeg", "data");
    }
}
