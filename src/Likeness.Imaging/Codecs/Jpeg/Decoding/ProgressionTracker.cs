namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Follows, per component and coefficient, the point transform (Al) that progressive scans left, in two ways.
/// <see cref="IsIncomplete"/> counts only scans read to their end: -1 until a coefficient is first sent, 0 once it
/// has full precision. For block smoothing it also keeps libjpeg's view of the first
/// <see cref="SmoothedCoefficients"/> coefficients: a scan counts from the moment it starts (even one the file cuts
/// short), and the state before each component's latest scan is kept for the rows that scan never reached.
/// </summary>
internal sealed class ProgressionTracker
{
    /// <summary>Coefficients (zig-zag 0..9) that block smoothing reads or predicts.</summary>
    public const int SmoothedCoefficients = 10;

    private readonly int[] _bits;
    private readonly int[] _started;
    private readonly int[] _beforeLatest;
    private int _scans;

    public ProgressionTracker(int components)
    {
        _bits = new int[components * 64];
        _started = new int[components * SmoothedCoefficients];
        _beforeLatest = new int[components * SmoothedCoefficients];
        Array.Fill(_bits, -1);
        Array.Fill(_started, -1);
    }

    /// <summary>Scans started so far.</summary>
    public int Scans => _scans;

    /// <summary>
    /// The last iMCU row in which the latest scan decoded an MCU from real data: its last row unless its data
    /// ran out (at the end of a cut file, or at a stray marker with no restart marker after it). libjpeg smooths
    /// the rows up to it with the latest scan's state, and the rows below, which that scan never reached, with
    /// the state before it.
    /// </summary>
    public int LastGoodImcuRow { get; private set; } = int.MaxValue;

    /// <summary>True when some coefficient of some component never reached full precision.</summary>
    public bool IsIncomplete => _bits.AsSpan().ContainsAnyExcept(0);

    /// <summary>
    /// Records a scan as its data begins. Each of its components remembers what it had before over the band and
    /// coefficients 1 to 9 (all of them for a DC scan), then takes the scan's Al over the band; a first scan
    /// leaves 0 behind.
    /// </summary>
    public void Started(JpegScanHeader scan)
    {
        _scans++;
        int first = Math.Min(scan.Ss, 1);
        int last = Math.Min(Math.Max(scan.Se, SmoothedCoefficients - 1), SmoothedCoefficients - 1);
        foreach (JpegComponent c in scan.Components)
        {
            Span<int> started = _started.AsSpan(c.Index * SmoothedCoefficients, SmoothedCoefficients);
            Span<int> before = _beforeLatest.AsSpan(c.Index * SmoothedCoefficients, SmoothedCoefficients);
            for (int k = first; k <= last; k++)
            {
                before[k] = _scans > 1 ? started[k] : 0;
            }

            for (int k = scan.Ss; k <= Math.Min(scan.Se, SmoothedCoefficients - 1); k++)
            {
                started[k] = scan.Al;
            }
        }
    }

    /// <summary>Records a scan whose data was read to its end (a scan the file cut short does not count).</summary>
    public void Completed(JpegScanHeader scan)
    {
        foreach (JpegComponent c in scan.Components)
        {
            _bits.AsSpan((c.Index * 64) + scan.Ss, scan.Se - scan.Ss + 1).Fill(scan.Al);
        }
    }

    /// <summary>Records how far the scan that just ended read real data (see <see cref="LastGoodImcuRow"/>).</summary>
    public void Ended(int lastGoodImcuRow) => LastGoodImcuRow = lastGoodImcuRow;

    /// <summary>Al of the first coefficients of a component, counting every scan that started.</summary>
    public ReadOnlySpan<int> StartedBits(int component) =>
        _started.AsSpan(component * SmoothedCoefficients, SmoothedCoefficients);

    /// <summary>The same before that component's latest scan (all -1 while only one scan has started).</summary>
    public ReadOnlySpan<int> BitsBeforeLatest(int component) => _scans > 1
        ? _beforeLatest.AsSpan(component * SmoothedCoefficients, SmoothedCoefficients)
        : NeverSent;

    private static ReadOnlySpan<int> NeverSent => [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1];
}
