using System.Buffers;
using System.Buffers.Binary;
using Likeness.Imaging.Color;

namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// Baseline sequential JPEG (JFIF) writer that follows IJG libjpeg's default path step by step: RGB to YCbCr in
/// fixed point, 4:2:0 (h2v2 with alternating rounding bias) or 4:4:4, edges padded by replication, accurate
/// integer DCT, IJG-scaled Annex K quantization tables and the standard Huffman tables; partial MCUs get
/// libjpeg's dummy blocks. For the same quality and subsampling the output equals <c>cjpeg -dct int</c>'s.
/// RGBA images are composited over white first.
/// </summary>
internal static class JpegEncoder
{
    /// <summary>APP0 payload: "JFIF\0", version 1.01, no density unit, density 1:1, no thumbnail (libjpeg's defaults).</summary>
    private static ReadOnlySpan<byte> JfifApp0 => [(byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];

    public static void Encode(Image image, Stream output, EncodeOptions options) => Encode(image, output, options, SimdLevels.BestX86);

    /// <summary>The encoder with its vector path pinned (tests compare it with the scalar reference).</summary>
    internal static void Encode(Image image, Stream output, EncodeOptions options, SimdLevel level)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (options.JpegQuality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.JpegQuality, "JPEG quality must be 1 to 100.");
        }

        if (image.Width > ushort.MaxValue || image.Height > ushort.MaxValue)
        {
            throw InvalidImageException.Unsupported($"JPEG cannot store a {image.Width}x{image.Height} image (65535 at most per side).");
        }

        if (image.Format == PixelFormat.Rgba32)
        {
            using Image flat = AlphaComposite.OverBackground(image, 255, 255, 255);
            EncodeRgb(flat, output, options, level);
        }
        else
        {
            EncodeRgb(image, output, options, level);
        }
    }

    private static void EncodeRgb(Image image, Stream output, EncodeOptions options, SimdLevel level)
    {
        int sampling = options.JpegSubsampling == JpegSubsampling.Yuv420 ? 2 : 1;
        ushort[] luma = new ushort[64];
        ushort[] chroma = new ushort[64];
        QuantizationTables.Scaled(options.JpegQuality, chroma: false, luma);
        QuantizationTables.Scaled(options.JpegQuality, chroma: true, chroma);
        EncoderComponent[] components =
        [
            new(1, sampling, sampling, image.Width, image.Height, luma, 0),
            new(2, 1, sampling, image.Width, image.Height, chroma, 1),
            new(3, 1, sampling, image.Width, image.Height, chroma, 1),
        ];

        using var writer = new JpegWriter(output);
        WriteHeaders(writer, image.Width, image.Height, components);
        using (var scan = new ScanEncoder(image, components, sampling, writer, level))
        {
            scan.Run();
        }

        writer.AlignWithOnes();
        writer.WriteMarker(JpegConstants.Markers.Eoi);
        writer.Flush();
    }

    private static void WriteHeaders(JpegWriter writer, int width, int height, EncoderComponent[] components)
    {
        writer.WriteMarker(JpegConstants.Markers.Soi);

        writer.WriteSegment(JpegConstants.Markers.App0, JfifApp0);

        Span<byte> dqt = stackalloc byte[65];
        foreach (EncoderComponent c in components.DistinctBy(c => c.TableIndex))
        {
            dqt[0] = c.TableIndex;
            for (int k = 0; k < 64; k++)
            {
                dqt[1 + k] = (byte)c.Quantization[JpegConstants.ZigZagToNatural[k]];
            }

            writer.WriteSegment(JpegConstants.Markers.Dqt, dqt);
        }

        Span<byte> sof = stackalloc byte[6 + (3 * components.Length)];
        sof[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(sof[1..], (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof[3..], (ushort)width);
        sof[5] = (byte)components.Length;
        for (int i = 0; i < components.Length; i++)
        {
            sof[6 + (3 * i)] = components[i].Id;
            sof[7 + (3 * i)] = (byte)((components[i].Sampling << 4) | components[i].Sampling);
            sof[8 + (3 * i)] = components[i].TableIndex;
        }

        writer.WriteSegment(JpegConstants.Markers.Sof0, sof);

        foreach (EncoderComponent c in components.DistinctBy(c => c.TableIndex))
        {
            WriteHuffmanTable(writer, c.Dc, (byte)c.TableIndex);
            WriteHuffmanTable(writer, c.Ac, (byte)(0x10 | c.TableIndex));
        }

        Span<byte> sos = stackalloc byte[4 + (2 * components.Length)];
        sos[0] = (byte)components.Length;
        for (int i = 0; i < components.Length; i++)
        {
            sos[1 + (2 * i)] = components[i].Id;
            sos[2 + (2 * i)] = (byte)((components[i].TableIndex << 4) | components[i].TableIndex);
        }

        // Spectral selection 0..63, no successive approximation.
        sos[^3] = 0;
        sos[^2] = 63;
        sos[^1] = 0;
        writer.WriteSegment(JpegConstants.Markers.Sos, sos);
    }

    private static void WriteHuffmanTable(JpegWriter writer, HuffmanTable table, byte classAndIndex)
    {
        byte[] payload = ArrayPool<byte>.Shared.Rent(17 + table.Symbols.Length);
        try
        {
            payload[0] = classAndIndex;
            table.Counts.CopyTo(payload, 1);
            table.Symbols.CopyTo(payload, 17);
            writer.WriteSegment(JpegConstants.Markers.Dht, payload.AsSpan(0, 17 + table.Symbols.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }
}
