namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>One colour component of a frame: its sampling, its geometry in blocks and its decoding state.</summary>
internal sealed class JpegComponent
{
    public JpegComponent(int index, int id, int h, int v, int quantTable)
    {
        Index = index;
        Id = id;
        H = h;
        V = v;
        QuantTable = quantTable;
    }

    /// <summary>Position in the frame header.</summary>
    public int Index { get; }

    /// <summary>Component identifier used by scans.</summary>
    public int Id { get; }

    /// <summary>Horizontal sampling factor (1..4).</summary>
    public int H { get; }

    /// <summary>Vertical sampling factor (1..4).</summary>
    public int V { get; }

    /// <summary>Quantisation table selector (0..3).</summary>
    public int QuantTable { get; }

    /// <summary>Samples per row actually in the image: ceil(width × H / Hmax).</summary>
    public int Width { get; set; }

    /// <summary>Sample rows actually in the image: ceil(height × V / Vmax).</summary>
    public int Height { get; set; }

    /// <summary>Blocks per row of a non-interleaved scan: ceil(Width / 8).</summary>
    public int BlocksWide { get; set; }

    /// <summary>Block rows of a non-interleaved scan: ceil(Height / 8).</summary>
    public int BlocksHigh { get; set; }

    /// <summary>Blocks per row of the stored plane (whole MCUs for interleaved frames).</summary>
    public int StrideBlocks { get; set; }

    /// <summary>Block rows of the stored plane.</summary>
    public int RowsBlocks { get; set; }

    /// <summary>Block rows of coefficients the decode holds: <see cref="RowsBlocks"/>, or one MCU row's when a single-scan file is read by rows.</summary>
    public int CoefRows { get; set; }

    /// <summary>Sample rows of the plane the decode holds: all of them, or a window when read by rows.</summary>
    public int PlaneRows { get; set; }

    /// <summary>Dequantisation multipliers in natural order, latched when the component is first scanned.</summary>
    public int[]? Quant { get; set; }

    /// <summary>DC Huffman table selector of the current scan.</summary>
    public int DcTable { get; set; }

    /// <summary>AC Huffman table selector of the current scan.</summary>
    public int AcTable { get; set; }

    /// <summary>DC predictor.</summary>
    public int Pred { get; set; }

    /// <summary>Offset of this component's coefficients (in shorts) in the shared coefficient buffer.</summary>
    public long CoefOffset { get; set; }

    /// <summary>Offset of this component's samples (in bytes) in the shared sample buffer.</summary>
    public long PlaneOffset { get; set; }

    /// <summary>Bytes per row of the plane.</summary>
    public int PlaneStride => StrideBlocks * 8;
}
