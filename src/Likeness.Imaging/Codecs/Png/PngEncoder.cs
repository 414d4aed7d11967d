using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// Writes 8-bit RGB (colour type 2) or RGBA (colour type 6) PNG, not interlaced, each row filtered with the
/// filter libpng's heuristic picks, compressed at <see cref="EncodeOptions.PngCompression"/>.
/// </summary>
internal static class PngEncoder
{
    public static void Encode(Image image, Stream output, EncodeOptions options)
    {
        output.Write(PngChunkLayout.Signature);
        Span<byte> header = stackalloc byte[PngHeader.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8;
        header[9] = (byte)(image.Format == PixelFormat.Rgba32 ? PngColorType.Rgba : PngColorType.Rgb);
        header[10..].Clear(); // deflate, filter method 0, no interlacing
        PngChunkWriter.Write(output, "IHDR"u8, header);

        int stride = image.Stride;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(stride + PngRowFilter.ScratchLength(stride));
        try
        {
            Span<byte> zeros = buffer.AsSpan(0, stride);
            zeros.Clear();
            Span<byte> scratch = buffer.AsSpan(stride, PngRowFilter.ScratchLength(stride));
            using (var chunks = new PngChunkWriter(output, "IDAT"u8))
            using (var deflater = new ZLibStream(chunks, options.PngCompression, leaveOpen: true))
            {
                for (int y = 0; y < image.Height; y++)
                {
                    ReadOnlySpan<byte> previous = y == 0 ? zeros : image.GetRow(y - 1);
                    deflater.Write(PngRowFilter.ChooseAndApply(image.GetRow(y), previous, image.BytesPerPixel, scratch));
                }
            }

            PngChunkWriter.Write(output, "IEND"u8, []);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
