using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Likeness.Imaging;
using Likeness.Imaging.Codecs.Png;

namespace Likeness.Benchmarks.Png;

/// <summary>
/// Decoding and encoding a 1434x2333 (3.3 MP) RGB photo PNG (tests/data/png/bench-photo-3mp.png, written by
/// PIL). Run: dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter '*PngBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class PngBenchmarks
{
    private byte[] _pilFile = [];
    private byte[] _ourFile = [];
    private Image? _photo;

    [GlobalSetup]
    public void Setup()
    {
        _pilFile = File.ReadAllBytes(Path.Combine(FindRepoRoot(), "tests", "data", "png", "bench-photo-3mp.png"));
        using DecodedImage decoded = ImageDecoder.Decode(_pilFile);
        _photo = decoded.Image.Clone();
        _ourFile = ImageEncoder.EncodeToBytes(_photo, ImageFormat.Png);
        Console.WriteLine($"// PIL's file: {_pilFile.Length:N0} bytes; ours (Optimal): {_ourFile.Length:N0} bytes; "
            + $"ours (Fastest): {ImageEncoder.EncodeToBytes(_photo, ImageFormat.Png, new EncodeOptions { PngCompression = CompressionLevel.Fastest }).Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _photo?.Dispose();

    [Benchmark(Baseline = true)]
    public int DecodePilFile()
    {
        using DecodedImage decoded = PngDecoder.Decode(_pilFile, ImageLimits.Default);
        return decoded.Image.Width;
    }

    [Benchmark]
    public int DecodeOurFile()
    {
        using DecodedImage decoded = PngDecoder.Decode(_ourFile, ImageLimits.Default);
        return decoded.Image.Width;
    }

    [Benchmark]
    [Arguments(CompressionLevel.Fastest)]
    [Arguments(CompressionLevel.Optimal)]
    public void Encode(CompressionLevel level) =>
        PngEncoder.Encode(_photo!, Stream.Null, new EncodeOptions { PngCompression = level });

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Likeness.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find Likeness.slnx above " + AppContext.BaseDirectory);
    }
}
