using System.Buffers;
using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// An interlaced (Adam7) PNG read a band of rows at a time. Its pixels arrive in seven passes over the whole image,
/// so on the first band the passes are inflated and unfiltered in order (each pass row needs only the row before it
/// in its pass, <see cref="PngRowReader"/> as the decode reads them), converted to the decode's RGB or RGBA bytes and
/// written pass after pass to a <see cref="SpillFile"/>; then each final row gathers its pixels from the pass rows
/// that cover it, through a read-only memory map. Final rows go down the image, so each pass's region is read forward
/// once and its pages are touched once. The process holds the inflater and two filtered rows while spilling, then
/// only the caller's band; the file holds width x height x 3 or 4 bytes, whose pages are the page cache. Pixels of
/// pass rows a cut-off file did not hold are zeros, as the decode leaves them; the truncation flag and the errors
/// are the decode's.
/// </summary>
internal sealed unsafe class PngInterlacedRowStream : ImageRowReader
{
    /// <summary>Bytes of converted pass rows written to the file at a time (at least one row).</summary>
    private const int SpillBandBytes = 64 * 1024;

    private readonly ReadOnlyMemory<byte> _data;
    private readonly PngRowStream.Plan _plan;
    private readonly Pass[] _passes = new Pass[Adam7.Passes];
    private SpillFile? _spill;
    private byte* _pixels;

    /// <summary>Reads <paramref name="data"/>, the bytes <paramref name="plan"/> read (an interlaced file).</summary>
    public PngInterlacedRowStream(ReadOnlyMemory<byte> data, PngRowStream.Plan plan)
        : base(plan.Header.Width, plan.Header.Height, plan.Format)
    {
        _data = data;
        _plan = plan;
        long offset = 0;
        for (int p = 0; p < Adam7.Passes; p++)
        {
            var (x, y, stepX, stepY, width, height) = Adam7.Pass(p, Width, Height);
            _passes[p] = new Pass(x, y, stepX, stepY, width, height, offset);
            offset += (long)width * height * Format.BytesPerPixel();
        }
    }

    /// <summary>The temporary file's path once the first band was read (null before; gone once disposed, at once on Unix).</summary>
    internal string? SpillPath => _spill?.Path;

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        if (_spill is null)
        {
            Spill();
        }

        for (int i = 0; i < count; i++)
        {
            GatherRow(RowsRead + i, destination.Slice(i * Stride, Stride));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pixels = null;
            _spill?.Dispose();
            _spill = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>Inflates every pass into the temporary file and maps it; the inflater and its rows go as soon as it ends.</summary>
    private void Spill()
    {
        var spill = SpillFile.Create();
        try
        {
            using (var inflation = new PngInflation(_data, _plan))
            {
                IsTruncated = !WritePasses(inflation.Reader, spill);
            }

            _pixels = spill.Map(writable: false); // not empty: a file without one whole row has failed
        }
        catch
        {
            // A damaged file fails here as its decode fails; the half-written spill goes at once.
            spill.Dispose();
            throw;
        }

        _spill = spill;
    }

    /// <summary>
    /// Writes each pass's converted rows, pass after pass, noting how many each pass had; false when the data ran out
    /// (the decode reads no further either: the rest stays zero).
    /// </summary>
    private bool WritePasses(PngRowReader reader, SpillFile spill)
    {
        Span<byte> table = stackalloc byte[1024];
        var converter = new PngRowConverter(_plan.Header, _plan.Palette, _plan.Transparency, Format, table);
        int bpp = Format.BytesPerPixel();
        byte[] band = ArrayPool<byte>.Shared.Rent(Math.Max(SpillBandBytes, Stride)); // the widest pass row is a whole row
        int used = 0;
        try
        {
            for (int p = 0; p < Adam7.Passes; p++)
            {
                Pass pass = _passes[p];
                if (pass.Width == 0 || pass.Height == 0)
                {
                    continue; // an empty pass has no bytes at all
                }

                reader.StartPass(pass.Width);
                int rowBytes = pass.Width * bpp;
                for (int r = 0; r < pass.Height; r++)
                {
                    if (!reader.TryReadRow(out ReadOnlySpan<byte> row))
                    {
                        spill.Write(band.AsSpan(0, used));
                        return reader.RowsRead > 0 ? false : throw PngRowReader.NoCompleteRow();
                    }

                    if (used + rowBytes > band.Length)
                    {
                        spill.Write(band.AsSpan(0, used));
                        used = 0;
                    }

                    converter.Convert(row, pass.Width, band.AsSpan(used, rowBytes), step: 1);
                    used += rowBytes;
                    _passes[p] = pass with { Present = r + 1 };
                }
            }

            spill.Write(band.AsSpan(0, used));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(band);
        }
    }

    /// <summary>Final row <paramref name="y"/>: the pixels of each pass row that covers it, spread out as the decode spreads them.</summary>
    private void GatherRow(int y, Span<byte> row)
    {
        if (IsTruncated)
        {
            row.Clear(); // pixels of pass rows the file did not hold stay zero, as in the decode's zeroed image
        }

        int bpp = Format.BytesPerPixel();
        foreach (Pass pass in _passes)
        {
            if (y < pass.Y || (y - pass.Y) % pass.StepY != 0 || (y - pass.Y) / pass.StepY >= pass.Present)
            {
                continue;
            }

            int rowBytes = pass.Width * bpp;
            var source = new ReadOnlySpan<byte>(_pixels + pass.Offset + ((long)((y - pass.Y) / pass.StepY) * rowBytes), rowBytes);
            if (pass.StepX == 1)
            {
                source.CopyTo(row[(pass.X * bpp)..]);
                continue;
            }

            for (int i = 0, to = pass.X * bpp; i < pass.Width; i++, to += pass.StepX * bpp)
            {
                PixelCopy.One(source, i * bpp, row, to, bpp);
            }
        }
    }

    /// <summary>One pass: its Adam7 geometry, where its converted rows start in the file and how many the file held.</summary>
    private readonly record struct Pass(int X, int Y, int StepX, int StepY, int Width, int Height, long Offset, int Present = 0);
}
