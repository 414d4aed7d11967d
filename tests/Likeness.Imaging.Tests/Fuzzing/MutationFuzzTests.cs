using System.Diagnostics;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Fuzzing;

/// <summary>
/// Feeds 20,000 mutated inputs per format (LIKENESS_FUZZ_ITERATIONS overrides) through the public
/// <see cref="ImageDecoder.Identify"/> and <see cref="ImageDecoder.Decode"/> and requires that each one either
/// succeeds or fails with <see cref="InvalidImageException"/>: no other exception,
/// no input running longer than <see cref="PerInputTimeout"/> (a hang), no decode allocating more than the
/// limits allow. Failing inputs are written to a temp folder so they can be replayed. The WebP seeds are every
/// lossless and lossy still (with and without ALPH and EXIF) and the animations, whose container is fuzzed too.
/// </summary>
public sealed class MutationFuzzTests(ITestOutputHelper output)
{
    /// <summary>Generous so a loaded CI machine never trips it; a real hang never finishes at all.</summary>
    private static readonly TimeSpan PerInputTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Tight limits keep each mutated decode small; the allocation check is relative to them.</summary>
    private static readonly DecodeOptions FuzzOptions = new()
    {
        ApplyExifOrientation = true,
        Limits = new ImageLimits { MaxWidth = 4096, MaxHeight = 4096, MaxPixels = 1_000_000, MaxMemoryBytes = 64L << 20 },
    };

    private const int MaxSeedBytes = 48 * 1024;

    public static TheoryData<string> Formats => new() { "jpeg", "png", "pnm", "webp" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_inputs_decode_or_fail_with_the_typed_exception(string formatName)
    {
        ImageFormat format = Enum.Parse<ImageFormat>(formatName, ignoreCase: true);
        List<byte[]> seeds = LoadSeeds(format);
        Assert.True(seeds.Count >= 3, $"Need at least 3 {formatName} seeds under tests/data, found {seeds.Count}.");
        foreach (byte[] seed in seeds.Where(s => !IsAnimation(s)))
        {
            using DecodedImage decoded = ImageDecoder.Decode(seed, FuzzOptions);
        }

        int iterations = int.TryParse(Environment.GetEnvironmentVariable("LIKENESS_FUZZ_ITERATIONS"), out int n) ? n : 20_000;
        FuzzRun run = RunWithWatchdog(format, seeds, iterations);

        output.WriteLine($"{formatName}: {run.Iterations} inputs from {seeds.Count} seeds; decoded {run.Decoded}, refused {run.Refused} " +
            $"({string.Join(", ", run.Reasons.Select(r => $"{r.Key}={r.Value}"))}), Identify refused {run.IdentifyRefused}; slowest {run.SlowestMs:F1} ms; largest allocation {run.MaxAllocated / 1024} KiB");
        Assert.True(run.Failures.Count == 0, string.Join(Environment.NewLine, run.Failures.Take(10)));
        Assert.Equal(iterations, run.Iterations);
    }

    private static FuzzRun RunWithWatchdog(ImageFormat format, List<byte[]> seeds, int iterations)
    {
        var run = new FuzzRun();
        var thread = new Thread(() =>
        {
            try
            {
                Fuzz(format, seeds, iterations, run);
            }
#pragma warning disable CA1031 // A bug in the harness itself must fail the test, not crash the test host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                run.Failures.Add($"harness failed at input {run.Iterations}: {ex}");
            }
        })
        { IsBackground = true, Name = "fuzz" };
        thread.Start();
        while (!thread.Join(TimeSpan.FromMilliseconds(200)))
        {
            if (run.CurrentStarted is { } started && Stopwatch.GetElapsedTime(started) > PerInputTimeout)
            {
                string path = Save(format, run.Current!, "hang");
                Assert.Fail($"Input {run.Iterations} ({run.CurrentHow}) ran over {PerInputTimeout.TotalSeconds} s; saved to {path}.");
            }
        }

        return run;
    }

    private static void Fuzz(ImageFormat format, List<byte[]> seeds, int iterations, FuzzRun run)
    {
        var mutator = new Mutator(20261121 + (int)format);
        var pick = new Random(42);
        for (int i = 0; i < iterations; i++)
        {
            byte[] seed = seeds[pick.Next(seeds.Count)];
            byte[] other = seeds[pick.Next(seeds.Count)];
            (byte[] data, string how) = mutator.Mutate(seed, other, format);
            if (pick.Next(4) == 0)
            {
                // Stack a second mutation on a quarter of the inputs to reach states one change can't.
                (data, string more) = mutator.Mutate(data.Length > 0 ? data : seed, other, format);
                how += " + " + more;
            }

            run.Current = data;
            run.CurrentHow = how;
            long before = GC.GetAllocatedBytesForCurrentThread();
            long started = Stopwatch.GetTimestamp();
            run.CurrentStarted = started;
            try
            {
                Identify(data, how, run, i);
                using DecodedImage decoded = ImageDecoder.Decode(data, FuzzOptions);
                run.Decoded++;
            }
            catch (InvalidImageException ex)
            {
                run.Refused++;
                run.Reasons[ex.Reason] = run.Reasons.GetValueOrDefault(ex.Reason) + 1;
                if (string.IsNullOrWhiteSpace(ex.Message))
                {
                    run.Failures.Add($"#{i} {how}: InvalidImageException without a message");
                }
            }
#pragma warning disable CA1031 // The point of the harness is to catch whatever escapes the decoder.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                run.Failures.Add($"#{i} {how}: {ex.GetType().Name}: {ex.Message} (saved to {Save(format, data, "crash")})");
            }
            finally
            {
                run.CurrentStarted = null;
            }

            run.SlowestMs = Math.Max(run.SlowestMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            run.MaxAllocated = Math.Max(run.MaxAllocated, allocated);
            long budget = FuzzOptions.Limits.MaxMemoryBytes + (16L * data.Length) + (8L << 20);
            if (allocated > budget)
            {
                run.Failures.Add($"#{i} {how}: allocated {allocated / 1024} KiB, over the {budget / 1024} KiB budget (saved to {Save(format, data, "alloc")})");
            }

            run.Iterations++;
        }
    }

    /// <summary>Identify must succeed or refuse with a message, whatever Decode then does.</summary>
    private static void Identify(byte[] data, string how, FuzzRun run, int i)
    {
        try
        {
            ImageDecoder.Identify(data, FuzzOptions);
        }
        catch (InvalidImageException ex) when (!string.IsNullOrWhiteSpace(ex.Message))
        {
            run.IdentifyRefused++;
        }
        catch (InvalidImageException)
        {
            run.Failures.Add($"#{i} {how}: Identify threw InvalidImageException without a message");
        }
    }

    private static bool IsAnimation(byte[] data)
    {
        try
        {
            return FormatSniffer.Detect(data) == ImageFormat.WebP && ImageDecoder.Identify(data).Animated;
        }
        catch (InvalidImageException)
        {
            return false;
        }
    }

    private static List<byte[]> LoadSeeds(ImageFormat format)
    {
        string[] patterns = format switch
        {
            ImageFormat.Jpeg => ["*.jpg", "*.jpeg"],
            ImageFormat.Png => ["*.png"],
            ImageFormat.WebP => ["*.webp"],
            _ => ["*.ppm", "*.pgm"],
        };
        var seeds = patterns
            .SelectMany(p => Directory.EnumerateFiles(RepoPaths.TestData(), p, SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Where(b => b.Length <= MaxSeedBytes && FormatSniffer.Detect(b) == format && (Decodes(b) || IsAnimation(b)))
            .ToList();
        if (format == ImageFormat.Pnm)
        {
            seeds.AddRange(SyntheticPnmSeeds());
        }

        return seeds;
    }

    private static bool Decodes(byte[] data)
    {
        try
        {
            using DecodedImage decoded = ImageDecoder.Decode(data, FuzzOptions);
            return !decoded.IsTruncated;
        }
        catch (InvalidImageException)
        {
            return false;
        }
    }

    /// <summary>P5/P6 at 8 and 16 bits, with comments, so every header path has a valid starting point.</summary>
    private static IEnumerable<byte[]> SyntheticPnmSeeds()
    {
        var random = new Random(7);
        foreach (var (magic, channels, maxValue, w, h) in new[] { ("P6", 3, 255, 17, 9), ("P5", 1, 255, 8, 8), ("P6", 3, 65535, 5, 7), ("P5", 1, 1023, 13, 3) })
        {
            int bytesPerSample = maxValue > 255 ? 2 : 1;
            byte[] pixels = new byte[w * h * channels * bytesPerSample];
            random.NextBytes(pixels);
            yield return [.. System.Text.Encoding.ASCII.GetBytes($"{magic}\n# seed\n{w} {h}\n{maxValue}\n"), .. pixels];
        }
    }

    private static string Save(ImageFormat format, byte[] data, string kind)
    {
        string dir = Path.Combine(Path.GetTempPath(), "likeness-fuzz");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{kind}-{format}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(data))[..16]}.bin");
        File.WriteAllBytes(path, data);
        return path;
    }

    private sealed class FuzzRun
    {
        public int Iterations { get; set; }

        public int Decoded { get; set; }

        public int Refused { get; set; }

        public int IdentifyRefused { get; set; }

        public Dictionary<InvalidImageReason, int> Reasons { get; } = [];

        public List<string> Failures { get; } = [];

        public double SlowestMs { get; set; }

        public long MaxAllocated { get; set; }

        public volatile byte[]? Current;

        public volatile string? CurrentHow;

        public long? CurrentStarted
        {
            get => Interlocked.Read(ref _currentStarted) is var v && v != 0 ? v : null;
            set => Interlocked.Exchange(ref _currentStarted, value ?? 0);
        }

        private long _currentStarted;
    }
}
