using System.Buffers;
using Likeness.Imaging.Codecs.Jpeg.Decoding;
using Likeness.Imaging.Codecs.Png;
using Likeness.Imaging.Codecs.WebP;
using Likeness.Imaging.Transforms;

namespace Likeness.Imaging.Rows;

/// <summary>
/// An encoded image whose rows can be read top to bottom, as many times as needed, without decoding it whole: each
/// read holds a band of rows and the codec's state, not the pixels (a 20 MB PNG of 2,600 x 2,600 holds ~20 KB, a
/// 6,000 x 4,000 JPEG ~1.4 MB, a 4,000 x 3,000 lossy WebP ~0.3 MB, a lossless one ~4.4 MB, not 20 MB, 180 MB, 54 MB
/// or 52 MB). The rows are byte for byte the rows of <see cref="ImageDecoder.Decode"/> with the same options. Each
/// codec plans its own reads: a non-interlaced PNG; an interlaced one, whose read spills its seven passes to a
/// temporary file on its first band and gathers each row from them (<see cref="PngInterlacedRowStream"/>); a
/// sequential JPEG whose first scan carries every component, decoded one MCU row at a time; any other JPEG,
/// progressive or with its components in separate scans, whose later scans touch blocks anywhere in the image: its
/// read spills the coefficients, 2 bytes each, about 3 bytes a pixel at 4:2:0, to a temporary file on its first band
/// and outputs its rows from there (<see cref="Codecs.Jpeg.Decoding.JpegSpilledRows"/>); a still WebP: lossy decoded
/// one macroblock row at a time, its ALPH plane and a lossless image a row at a time through a ring as deep as a
/// back-reference reaches. When the options apply an EXIF orientation other than 1, each read spills the stored rows
/// to a temporary file on its first band and serves the upright rows from it (see <see cref="OrientedRowReader"/>):
/// the process then holds a band, the files' pages the page cache. Such reads are dear, so the first one that reaches
/// the last row keeps its rows in a temporary file and the reads after it copy them (<see cref="SharedRows"/>) until
/// this is disposed. <see cref="TryOpen"/> answers null for an animated WebP (which the decode refuses) and any format
/// but PNG, JPEG and WebP; callers decode those whole.
/// </summary>
public sealed class ImageRows : IDisposable
{
    /// <summary>Bytes of rows a <see cref="Stream"/> reads per band (at least one row).</summary>
    private const int BandBytes = 64 * 1024;

    private readonly ReadOnlyMemory<byte> _data;
    private readonly DecodeOptions _options;
    private readonly IRowPlan _plan;
    private readonly PixelMap? _orientation;
    private readonly Lock _gate = new();
    private SharedRows? _kept;
    private bool _keeping;
    private bool _disposed;

    private ImageRows(ReadOnlyMemory<byte> data, DecodeOptions options, ImageInfo info, IRowPlan plan)
    {
        _data = data;
        _options = options;
        _plan = plan;
        _orientation = options.ApplyExifOrientation ? Orientation.MapOf(info.ExifOrientation) : null;
        KeepsRows = _orientation is not null || plan.IsDear;
        Info = info;
        (Width, Height) = _orientation?.OutputSize(info.Width, info.Height) ?? (info.Width, info.Height);
    }

    /// <summary>The header facts (the size as stored).</summary>
    public ImageInfo Info { get; }

    /// <summary>Width in pixels of the rows read (after the EXIF orientation, when the options apply it).</summary>
    public int Width { get; }

    /// <summary>Height in pixels of the rows read (after the EXIF orientation, when the options apply it).</summary>
    public int Height { get; }

    /// <summary>
    /// Whether the first read that reaches the last row keeps the rows in a temporary file (width x height x 3 or 4
    /// bytes) and the reads after it copy them instead of decoding again. On by default where a read is dear (it spills,
    /// or decodes every scan, before its first row: an oriented file, a progressive or multi-scan JPEG, an interlaced
    /// PNG, a lossless WebP); a caller that will read every row several times sets it for any file (decoding again
    /// costs more than the copy: `likeness bench rows`). Rows kept already stay kept.
    /// </summary>
    public bool KeepsRows { get; set; }

    /// <summary>The rows' layout: RGB, or RGBA when the file has transparency (as the decode gives).</summary>
    public PixelFormat Format => _plan.Format;

    /// <summary>
    /// The row source over <paramref name="data"/>, which must stay valid and unchanged while it is used; null when
    /// its rows cannot be read in order (see the class). Checks the header as the decode does.
    /// </summary>
    /// <exception cref="InvalidImageException">The data is not an image, is damaged, or exceeds the limits.</exception>
    public static ImageRows? TryOpen(ReadOnlyMemory<byte> data, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        options.Limits.Validate();
        ImageDecoder.EnsureInputSize(data.Length, options);
        IRowPlan? plan = Plan(data.Span, options.Limits, out ImageInfo? info);
        return plan is null || info is null ? null : new ImageRows(data, options, info, plan);
    }

    /// <summary>The codec's plan (null where the rows cannot come in order), and the header facts it read.</summary>
    private static IRowPlan? Plan(ReadOnlySpan<byte> data, ImageLimits limits, out ImageInfo? info)
    {
        info = null;
        switch (ImageDecoder.DetectSupported(data))
        {
            case ImageFormat.Png:
                PngRowStream.Plan png = PngRowStream.MakePlan(data, limits, out ImageInfo pngInfo);
                info = pngInfo;
                return png;
            case ImageFormat.Jpeg:
                JpegRowStream.Plan jpeg = JpegRowStream.PlanFor(data, limits, out ImageInfo jpegInfo);
                info = jpegInfo;
                return jpeg;
            case ImageFormat.WebP:
                IRowPlan? webp = WebPRowPlan.TryPlan(data, limits, out ImageInfo webpInfo);
                info = webpInfo;
                return webp;
            default:
                return null;
        }
    }

    /// <summary>
    /// Starts a read from the first row; the caller disposes it (which deletes the temporary files of an oriented read
    /// and of a progressive or multi-scan JPEG's).
    /// </summary>
    public ImageRowReader Open()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_kept is { } kept)
            {
                return new SpilledRowReader(kept, Width, Height, Format);
            }

            ImageRowReader stored = _plan.Open(_data);
            ImageRowReader read = _orientation is { } map ? new OrientedRowReader(stored, map) : stored;
            if (_keeping || !KeepsRows)
            {
                return read; // Another read is keeping its rows already, or decoding again costs less than a file.
            }

            _keeping = true;
            return new KeepingRowReader(read, Keep);
        }
    }

    /// <summary>The file of the rows a read kept (for tests; gone on Unix already, and once released).</summary>
    internal string? KeptPath => _kept?.Path;

    /// <summary>Deletes the rows a read kept, once the reads still over them end.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _kept?.Release();
            _kept = null;
        }
    }

    /// <summary>The rows the keeping read wrote (null when it ended without reaching the last row).</summary>
    private void Keep(SharedRows? rows)
    {
        lock (_gate)
        {
            _keeping = false;
            if (rows is null)
            {
                return;
            }

            if (_disposed || _kept is not null)
            {
                rows.Release(); // Nobody will read them: this source is gone, or another read kept its rows first.
            }
            else
            {
                _kept = rows;
            }
        }
    }

    /// <summary>
    /// Reads every row once, in order, handing each to every sink in turn; true when the file held every row, false
    /// when it ended early (the missing rows are handed on as the decode fills them).
    /// </summary>
    /// <exception cref="InvalidImageException">The data is damaged, or no row at all is complete.</exception>
    public bool Stream(params IImageRowSink[] sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        using ImageRowReader reader = Open();
        int stride = reader.Stride;
        int bandRows = Math.Clamp(BandBytes / stride, 1, Height);
        byte[] band = ArrayPool<byte>.Shared.Rent(bandRows * stride);
        try
        {
            int y = 0;
            while (reader.ReadRows(band.AsSpan(0, bandRows * stride)) is var count and > 0)
            {
                for (int i = 0; i < count; i++, y++)
                {
                    ReadOnlySpan<byte> row = band.AsSpan(i * stride, stride);
                    foreach (IImageRowSink sink in sinks)
                    {
                        sink.Accept(y, row);
                    }
                }
            }

            return !reader.IsTruncated;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(band);
        }
    }

    /// <summary>The whole-image decode of the same bytes with the same options (for code that needs every pixel at once).</summary>
    public DecodedImage Decode() => ImageDecoder.Decode(_data.Span, _options);
}
