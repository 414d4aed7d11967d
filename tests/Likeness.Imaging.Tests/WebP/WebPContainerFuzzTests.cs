using Xunit.Abstractions;

using System.Diagnostics;
using Likeness.Imaging.Tests.Fuzzing;

namespace Likeness.Imaging.Tests.WebP;

/// <summary>
/// Mutates the committed WebP files (generic mutations plus hostile RIFF and chunk sizes) and requires every
/// <see cref="ImageDecoder.Identify"/> and <see cref="ImageDecoder.Decode"/> to end in a result or an
/// <see cref="InvalidImageException"/> with a message, within the memory limit. Lossy and animated seeds exercise
/// the container parser; lossless ones reach the VP8L decoder too (see also MutationFuzzTests' "webp" case).
/// </summary>
public sealed class WebPContainerFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 20_000;

    private static readonly DecodeOptions FuzzOptions = new()
    {
        Limits = new ImageLimits { MaxWidth = 4096, MaxHeight = 4096, MaxPixels = 1_000_000, MaxMemoryBytes = 64L << 20 },
    };

    [Fact]
    public void Mutated_files_are_identified_or_refused_with_the_typed_exception()
    {
        byte[][] seeds = [.. Directory.GetFiles(Likeness.Testing.RepoPaths.TestData("webp"), "*.webp").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        Assert.True(seeds.Length >= 5, $"expected the WebP corpus, found {seeds.Length} files");
        var mutator = new Mutator(20261202);
        var pick = new Random(7);
        var failures = new List<string>();
        int identified = 0, refused = 0;
        long maxAllocated = 0;
        double slowestMs = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] seed = seeds[pick.Next(seeds.Length)];
            (byte[] data, string how) = mutator.Mutate(seed, seeds[pick.Next(seeds.Length)], ImageFormat.WebP);
            long before = GC.GetAllocatedBytesForCurrentThread();
            long started = Stopwatch.GetTimestamp();
            try
            {
                ImageDecoder.Identify(data, FuzzOptions);
                identified++;
                using DecodedImage decoded = ImageDecoder.Decode(data, FuzzOptions);
            }
            catch (InvalidImageException ex) when (!string.IsNullOrWhiteSpace(ex.Message))
            {
                refused++;
            }
#pragma warning disable CA1031 // The point of the harness is to catch whatever escapes the decoder.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"#{i} {how}: {ex.GetType().Name}: {ex.Message}");
            }

            slowestMs = Math.Max(slowestMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            maxAllocated = Math.Max(maxAllocated, allocated);
            if (allocated > FuzzOptions.Limits.MaxMemoryBytes + (16L * data.Length) + (8L << 20))
            {
                failures.Add($"#{i} {how}: allocated {allocated} bytes for a {data.Length}-byte input");
            }
        }

        output.WriteLine($"{Iterations} mutations: identified {identified}, refused {refused} (by Identify or Decode); slowest {slowestMs:F2} ms; largest allocation {maxAllocated / 1024} KiB");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
        Assert.True(identified > 0 && identified < Iterations, $"{identified} of {Iterations} identified: the mutations are too mild or too harsh");
    }
}
