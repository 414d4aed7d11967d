namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>One colour component of the frame: its sampling, tables, size in blocks and DC predictor.</summary>
internal sealed class EncoderComponent
{
    public EncoderComponent(byte id, int samplingFactor, int maxSampling, int width, int height, ushort[] quantization, byte tableIndex)
    {
        Id = id;
        Sampling = samplingFactor;
        Quantization = quantization;
        Quantizer = new Quantizer(quantization);
        TableIndex = tableIndex;
        Dc = tableIndex == 0 ? StandardHuffmanTables.LuminanceDc : StandardHuffmanTables.ChrominanceDc;
        Ac = tableIndex == 0 ? StandardHuffmanTables.LuminanceAc : StandardHuffmanTables.ChrominanceAc;

        // libjpeg: ceil(image size * sampling / (max sampling * 8)).
        WidthInBlocks = (int)(((long)width * samplingFactor + (maxSampling * 8) - 1) / (maxSampling * 8));
        HeightInBlocks = (int)(((long)height * samplingFactor + (maxSampling * 8) - 1) / (maxSampling * 8));
    }

    /// <summary>Component identifier in SOF/SOS (1 = Y, 2 = Cb, 3 = Cr).</summary>
    public byte Id { get; }

    /// <summary>Horizontal and vertical sampling factor (equal here: 1 or 2).</summary>
    public int Sampling { get; }

    /// <summary>Quantization table, natural order.</summary>
    public ushort[] Quantization { get; }

    /// <summary>Divides DCT output by <see cref="Quantization"/>.</summary>
    public Quantizer Quantizer { get; }

    /// <summary>Quantization and Huffman table slot (0 luminance, 1 chrominance).</summary>
    public byte TableIndex { get; }

    public HuffmanTable Dc { get; }

    public HuffmanTable Ac { get; }

    public int WidthInBlocks { get; }

    public int HeightInBlocks { get; }

    /// <summary>The previous block's quantized DC value, which the next DC is coded against.</summary>
    public int PreviousDc { get; set; }
}
