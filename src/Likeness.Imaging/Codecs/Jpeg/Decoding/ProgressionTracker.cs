namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Follows, per component and coefficient, the point transform (Al) of the last progressive scan that arrived
/// whole, as libjpeg's coef_bits does: -1 until the coefficient is first sent, 0 once it has full precision.
/// A progression is incomplete when any coefficient is not yet at 0 at the end of the file.
/// </summary>
internal sealed class ProgressionTracker
{
    private readonly int[] _bits;

    public ProgressionTracker(int components)
    {
        _bits = new int[components * 64];
        Array.Fill(_bits, -1);
    }

    /// <summary>Records a scan whose data was read to its end (a scan the file cut short does not count).</summary>
    public void Completed(JpegScanHeader scan)
    {
        foreach (JpegComponent c in scan.Components)
        {
            _bits.AsSpan((c.Index * 64) + scan.Ss, scan.Se - scan.Ss + 1).Fill(scan.Al);
        }
    }

    /// <summary>True when some coefficient of some component never reached full precision.</summary>
    public bool IsIncomplete => _bits.AsSpan().ContainsAnyExcept(0);
}
