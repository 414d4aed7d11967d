using System.Collections.Concurrent;
using Likeness.Core.Providers;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;

namespace Likeness.Providers.Sim;

/// <summary>
/// Decoded working copies of reference photos (at most <see cref="MaxSide"/> px on the long side) and their
/// largest face, kept so a study of hundreds of shots decodes each photo once. Bounded: when full, the
/// oldest entries are dropped.
/// </summary>
internal sealed class SimReferenceCache(string provider, IFaceAnalyzer? faces) : IDisposable
{
    public const int MaxSide = 1536;
    private const int Capacity = 64;

    private readonly ConcurrentDictionary<string, Lazy<Entry>> _entries = new();
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The working copy and face box of <paramref name="photo"/>; the image is shared, never dispose it.</summary>
    public (Image Image, FaceBox? Face) Get(ReferencePhoto photo, CancellationToken cancellationToken)
    {
        Lazy<Entry> lazy = _entries.GetOrAdd(photo.Sha256, _ =>
        {
            _order.Enqueue(photo.Sha256);
            return new Lazy<Entry>(() => Load(photo, cancellationToken));
        });
        Entry entry = lazy.Value;
        while (_entries.Count > Capacity && _order.TryDequeue(out string? oldest) && oldest != photo.Sha256)
        {
            // Dropped entries are not disposed: a render on another thread may still be reading them; the GC reclaims them.
            _entries.TryRemove(oldest, out _);
        }

        return (entry.Image, entry.Face);
    }

    public void Dispose()
    {
        foreach (Lazy<Entry> entry in _entries.Values.Where(e => e.IsValueCreated))
        {
            entry.Value.Image.Dispose();
        }

        _entries.Clear();
    }

    private Entry Load(ReferencePhoto photo, CancellationToken cancellationToken)
    {
        DecodedImage decoded;
        try
        {
            decoded = ImageDecoder.Decode(photo.Bytes.Span, DecodeOptions.Upright);
        }
        catch (InvalidImageException ex)
        {
            throw new ProviderException(provider, $"Reference {photo.Sha256[..12]} is unreadable: {ex.Message}", status: 422, innerException: ex);
        }

        using (decoded)
        {
            Image source = decoded.Image;
            double scale = Math.Min(1, (double)MaxSide / Math.Max(source.Width, source.Height));
            Image working = scale < 1
                ? Resampler.Resize(source, Math.Max(1, (int)(source.Width * scale)), Math.Max(1, (int)(source.Height * scale)), ResampleFilter.Bicubic)
                : source.Clone();
            FaceBox? face = faces is null ? null : FaceDistance.Largest(faces.Analyze(working, cancellationToken))?.Box;
            return new Entry(working, face);
        }
    }

    private sealed record Entry(Image Image, FaceBox? Face);
}
