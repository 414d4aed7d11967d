using System.Collections.Concurrent;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Microsoft.Extensions.Caching.Memory;

namespace Likeness.Server.Images;

/// <summary>
/// Smaller copies of stored images for galleries and cards (<c>?w=256</c> on an image route), so a page of hundreds of
/// shots moves kilobytes instead of megabytes: decoded upright, resized with Lanczos (Pillow's thumbnail filter), JPEG
/// (PNG where the image has alpha), and kept in a bounded in-memory cache keyed by content hash and width. Nothing is
/// written to the asset store (the doctor would sweep files no row names). The asked width is snapped up to one of a
/// few steps, so pages share entries and no caller can fill the cache with every width.
/// </summary>
internal sealed class ImageThumbnails(IAssetStore assets) : IDisposable
{
    /// <summary>The widths made; a wider ask is answered with the image itself.</summary>
    public static IReadOnlyList<int> Widths { get; } = [128, 256, 384, 512, 768];

    private const int JpegQuality = 82;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64L << 20 });

    // Thumbnails being made: a gallery asks for the same picture from many cards at once, and it is made once.
    private readonly ConcurrentDictionary<(string Sha256, int Width), Lazy<Task<Thumbnail>>> _making = new();

    /// <summary>The width made for <paramref name="asked"/> pixels, or null when the image itself is as small as asked.</summary>
    public static int? WidthFor(int asked) =>
        asked is < 16 or > 4096
            ? throw new InvalidInputException($"'w' is a width of 16 to 4096 pixels (asked {asked}).", "w")
            : Widths.FirstOrDefault(w => w >= asked) is var width and > 0 ? width : null;

    /// <summary>The thumbnail of <paramref name="sha256"/> at <paramref name="width"/> (one of <see cref="Widths"/>).</summary>
    public async Task<Thumbnail> GetAsync(string sha256, int width, CancellationToken cancellationToken)
    {
        (string Sha256, int Width) key = (sha256, width);
        if (_cache.TryGetValue(key, out Thumbnail? cached) && cached is not null)
        {
            return cached;
        }

        // Made without the caller's token, so one reader leaving does not fail the others waiting for it.
        Lazy<Task<Thumbnail>> making = _making.GetOrAdd(key, k => new Lazy<Task<Thumbnail>>(() => MakeAsync(k.Sha256, k.Width)));
        return await making.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<Thumbnail> MakeAsync(string sha256, int width)
    {
        try
        {
            byte[] bytes = await assets.ReadAllBytesAsync(sha256, CancellationToken.None).ConfigureAwait(false);
            Thumbnail made = Make(bytes, width);
            _cache.Set((sha256, width), made, new MemoryCacheEntryOptions { Size = made.Bytes.Length });
            return made;
        }
        finally
        {
            // Cached by now (or failed, and the next ask tries again).
            _making.TryRemove((sha256, width), out _);
        }
    }

    public void Dispose() => _cache.Dispose();

    private static Thumbnail Make(byte[] bytes, int width)
    {
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        Image source = decoded.Image;
        int target = Math.Min(width, source.Width);
        int height = Math.Max(1, (int)Math.Round((double)source.Height * target / source.Width));
        using Image small = target == source.Width ? source.Clone() : Resampler.Resize(source, target, height, ResampleFilter.Lanczos3);
        bool alpha = small.Format == PixelFormat.Rgba32;
        byte[] encoded = ImageEncoder.EncodeToBytes(small, alpha ? ImageFormat.Png : ImageFormat.Jpeg, new EncodeOptions { JpegQuality = JpegQuality });
        return new Thumbnail(encoded, alpha ? "image/png" : "image/jpeg");
    }
}

/// <summary>A made thumbnail.</summary>
/// <param name="Bytes">The encoded image.</param>
/// <param name="ContentType">Its media type.</param>
internal sealed record Thumbnail(byte[] Bytes, string ContentType);
