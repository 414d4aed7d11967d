using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Entropy-decodes one Huffman scan (sequential, or one of the four progressive kinds) into the shared
/// coefficient buffer, following libjpeg's jdhuff.c/jdphuff.c, including its restart and
/// out-of-data behaviour.
/// </summary>
internal ref struct ScanDecoder
{
    private readonly JpegFrame _frame;
    private readonly JpegScanHeader _scan;
    private readonly HuffmanTable?[] _dcTables;
    private readonly HuffmanTable?[] _acTables;
    private readonly Span<short> _coefs;
    private readonly int _restartInterval;
    private readonly bool _oneRowHeld;
    private BitReader _reader;
    private int _eobRun;
    private int _lastGoodRow;
    private int _row;
    private int _restartsToGo;
    private int _nextRestart;

    /// <summary>
    /// A decoder of <paramref name="scan"/> into <paramref name="coefs"/>: every block of the image, or with
    /// <paramref name="oneRowHeld"/> just the MCU row (block row for a one-component scan) being decoded, each
    /// component's at its <see cref="JpegComponent.CoefOffset"/>.
    /// </summary>
    public ScanDecoder(
        BitReader reader,
        JpegFrame frame,
        JpegScanHeader scan,
        HuffmanTable?[] dcTables,
        HuffmanTable?[] acTables,
        Span<short> coefs,
        int restartInterval,
        bool oneRowHeld = false)
    {
        _reader = reader;
        _frame = frame;
        _scan = scan;
        _dcTables = dcTables;
        _acTables = acTables;
        _coefs = coefs;
        _restartInterval = restartInterval;
        _oneRowHeld = oneRowHeld;
    }

    /// <summary>The reader, positioned after the scan.</summary>
    public readonly BitReader Reader => _reader;

    /// <summary>
    /// The last MCU row (block row for a one-component scan) with an MCU that began with real data to read: the
    /// last row unless the data ran out (at the end of a cut file, or at a stray marker until a restart marker
    /// resumed it). libjpeg's last good iMCU row.
    /// </summary>
    public readonly int LastGoodRow => _lastGoodRow;

    /// <summary>MCU rows in the scan (block rows for a one-component scan).</summary>
    public readonly int Rows => _scan.Components.Length == 1 ? _scan.Components[0].BlocksHigh : _frame.McusHigh;

    /// <summary>MCU rows decoded so far.</summary>
    public readonly int RowsDone => _row;

    /// <summary>
    /// Decodes every MCU of the scan. After each MCU row, <paramref name="rowDone"/> (if any) receives the number
    /// of MCU rows (block rows for a one-component scan) now complete.
    /// </summary>
    public void Decode(Action<int>? rowDone)
    {
        Start();
        DecodeRows(int.MaxValue, rowDone);
    }

    /// <summary>Checks the scan's tables and resets the predictors and restart count, ready for its first row.</summary>
    public void Start()
    {
        ValidateTables();
        foreach (JpegComponent c in _scan.Components)
        {
            c.Pred = 0;
        }

        _row = 0;
        _restartsToGo = _restartInterval;
        _nextRestart = 0;
    }

    /// <summary>Where the decoding stands, besides the reader (see <see cref="Resume"/>); the predictors stay on the components.</summary>
    public readonly Progress Suspend() => new(_row, _restartsToGo, _nextRestart, _eobRun, _lastGoodRow);

    /// <summary>Goes on from a <see cref="Suspend"/> of the same scan (with the reader saved then).</summary>
    public void Resume(in Progress progress)
    {
        _row = progress.Row;
        _restartsToGo = progress.RestartsToGo;
        _nextRestart = progress.NextRestart;
        _eobRun = progress.EobRun;
        _lastGoodRow = progress.LastGoodRow;
    }

    /// <summary>
    /// Decodes the next <paramref name="count"/> MCU rows (or as many as are left), calling <paramref name="rowDone"/>
    /// as <see cref="Decode"/> does.
    /// </summary>
    public void DecodeRows(int count, Action<int>? rowDone)
    {
        JpegScanHeader scan = _scan;
        bool sequential = !_frame.Progressive;
        int end = (int)Math.Min((long)_row + count, Rows);
        if (scan.Components.Length == 1)
        {
            JpegComponent c = scan.Components[0];
            for (; _row < end; _row++)
            {
                int row = _row;
                int held = _oneRowHeld ? 0 : row;
                for (int col = 0; col < c.BlocksWide; col++)
                {
                    CheckRestart();
                    Span<short> block = Block(c, held, col);
                    if (sequential)
                    {
                        block.Clear();
                    }

                    if (!_reader.ConsumedPadding)
                    {
                        _lastGoodRow = row;
                        DecodeBlock(c, block);
                    }
                }

                rowDone?.Invoke(row + 1);
            }

            return;
        }

        for (; _row < end; _row++)
        {
            int mcuY = _row;
            int held = _oneRowHeld ? 0 : mcuY;
            for (int mcuX = 0; mcuX < _frame.McusWide; mcuX++)
            {
                CheckRestart();
                bool skip = _reader.ConsumedPadding;
                if (!skip)
                {
                    _lastGoodRow = mcuY;
                }

                foreach (JpegComponent c in scan.Components)
                {
                    for (int by = 0; by < c.V; by++)
                    {
                        for (int bx = 0; bx < c.H; bx++)
                        {
                            Span<short> block = Block(c, (held * c.V) + by, (mcuX * c.H) + bx);
                            if (sequential)
                            {
                                block.Clear();
                            }

                            if (!skip)
                            {
                                DecodeBlock(c, block);
                            }
                        }
                    }
                }
            }

            rowDone?.Invoke(mcuY + 1);
        }
    }

    private readonly void ValidateTables()
    {
        bool needDc = _scan.Ss == 0 && (!_frame.Progressive || _scan.Ah == 0);
        bool needAc = _scan.Se > 0;
        foreach (JpegComponent c in _scan.Components)
        {
            if ((needDc && _dcTables[c.DcTable] is null) || (needAc && _acTables[c.AcTable] is null))
            {
                throw InvalidImageException.Corrupt("A JPEG scan uses a Huffman table that was never defined.");
            }
        }
    }

    private void CheckRestart()
    {
        if (_restartInterval == 0)
        {
            return;
        }

        if (_restartsToGo == 0)
        {
            _reader.Restart(_nextRestart);
            _nextRestart = (_nextRestart + 1) & 7;
            _restartsToGo = _restartInterval;
            _eobRun = 0;
            foreach (JpegComponent c in _scan.Components)
            {
                c.Pred = 0;
            }
        }

        _restartsToGo--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Span<short> Block(JpegComponent c, int row, int col) =>
        _coefs.Slice((int)c.CoefOffset + ((((row * c.StrideBlocks) + col)) * 64), 64);

    private void DecodeBlock(JpegComponent c, Span<short> block)
    {
        if (!_frame.Progressive)
        {
            DecodeSequential(c, block);
        }
        else if (_scan.Ss == 0)
        {
            if (_scan.Ah == 0)
            {
                DecodeDcFirst(c, block);
            }
            else
            {
                _reader.EnsureBits();
                block[0] |= (short)(_reader.GetBits(1) << _scan.Al);
            }
        }
        else if (_scan.Ah == 0)
        {
            DecodeAcFirst(c, block);
        }
        else
        {
            DecodeAcRefine(block);
        }
    }

    private void DecodeSequential(JpegComponent c, Span<short> block)
    {
        HuffmanTable dc = _dcTables[c.DcTable]!;
        HuffmanTable ac = _acTables[c.AcTable]!;
        ref short b = ref MemoryMarshal.GetReference(block);
        ref byte zigzag = ref MemoryMarshal.GetReference(JpegConstants.ZigZagToNatural);

        // A local copy of the reader lets the JIT keep the bit buffer in registers for the whole block.
        BitReader reader = _reader;
        reader.EnsureBits();
        int s = reader.DecodeSymbol(dc);
        int pred = c.Pred + reader.ReceiveExtend(s);
        c.Pred = pred;
        b = (short)pred;
        ref int fastAc = ref MemoryMarshal.GetArrayDataReference(ac.FastAc);
        for (int k = 1; k < 64; k++)
        {
            reader.EnsureBits();
            int fast = Unsafe.Add(ref fastAc, reader.PeekLookup());
            if (fast != 0)
            {
                reader.Skip(fast & 15);
                k += (fast >> 4) & 15;
                Unsafe.Add(ref b, Unsafe.Add(ref zigzag, k)) = (short)(fast >> 8);
                continue;
            }

            int rs = reader.DecodeSymbol(ac);
            int r = rs >> 4;
            s = rs & 15;
            if (s != 0)
            {
                k += r;
                Unsafe.Add(ref b, Unsafe.Add(ref zigzag, k)) = (short)reader.ReceiveExtend(s);
            }
            else
            {
                if (r != 15)
                {
                    break;
                }

                k += 15;
            }
        }

        _reader = reader;
    }

    private void DecodeDcFirst(JpegComponent c, Span<short> block)
    {
        _reader.EnsureBits();
        int s = _reader.DecodeSymbol(_dcTables[c.DcTable]!);
        int pred = c.Pred + _reader.ReceiveExtend(s);
        c.Pred = pred;
        block[0] = (short)(pred << _scan.Al);
    }

    private void DecodeAcFirst(JpegComponent c, Span<short> block)
    {
        if (_eobRun > 0)
        {
            _eobRun--;
            return;
        }

        HuffmanTable ac = _acTables[c.AcTable]!;
        ref short b = ref MemoryMarshal.GetReference(block);
        ref byte zigzag = ref MemoryMarshal.GetReference(JpegConstants.ZigZagToNatural);
        ref int fastAc = ref MemoryMarshal.GetArrayDataReference(ac.FastAc);
        int se = _scan.Se;
        int al = _scan.Al;
        BitReader reader = _reader;
        for (int k = _scan.Ss; k <= se; k++)
        {
            reader.EnsureBits();
            int fast = Unsafe.Add(ref fastAc, reader.PeekLookup());
            if (fast != 0)
            {
                reader.Skip(fast & 15);
                k += (fast >> 4) & 15;
                Unsafe.Add(ref b, Unsafe.Add(ref zigzag, k)) = (short)((fast >> 8) << al);
                continue;
            }

            int rs = reader.DecodeSymbol(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s != 0)
            {
                k += r;
                Unsafe.Add(ref b, Unsafe.Add(ref zigzag, k)) = (short)(reader.ReceiveExtend(s) << al);
            }
            else if (r == 15)
            {
                k += 15;
            }
            else
            {
                _eobRun = (1 << r) + reader.GetBits(r) - 1;
                break;
            }
        }

        _reader = reader;
    }

    private void DecodeAcRefine(Span<short> block)
    {
        HuffmanTable ac = _acTables[_scan.Components[0].AcTable]!;
        ref short b = ref MemoryMarshal.GetReference(block);
        ref byte zigzag = ref MemoryMarshal.GetReference(JpegConstants.ZigZagToNatural);
        int se = _scan.Se;
        int p1 = 1 << _scan.Al;
        int m1 = -1 << _scan.Al;
        int k = _scan.Ss;
        BitReader reader = _reader;
        int eobRun = _eobRun;
        if (eobRun == 0)
        {
            for (; k <= se; k++)
            {
                reader.EnsureBits();
                int rs = reader.DecodeSymbol(ac);
                int r = rs >> 4;
                int s = rs & 15;
                if (s != 0)
                {
                    // The size of a newly nonzero coefficient is always 1; only its sign is sent.
                    s = reader.GetBits(1) != 0 ? p1 : m1;
                }
                else if (r != 15)
                {
                    eobRun = (1 << r) + reader.GetBits(r);
                    break;
                }

                // Skip already-nonzero coefficients (refining them) and r still-zero ones.
                do
                {
                    ref short coef = ref Unsafe.Add(ref b, Unsafe.Add(ref zigzag, k));
                    if (coef != 0)
                    {
                        Refine(ref reader, ref coef, p1, m1);
                    }
                    else if (--r < 0)
                    {
                        break;
                    }

                    k++;
                }
                while (k <= se);

                if (s != 0)
                {
                    Unsafe.Add(ref b, Unsafe.Add(ref zigzag, k)) = (short)s;
                }
            }
        }

        if (eobRun > 0)
        {
            // Only the already-nonzero coefficients of the rest of the band take a correction bit; visit just
            // those, in zig-zag order (most blocks of an end-of-band run have few or none).
            ulong pending = k > se ? 0 : NonzeroInZigzagOrder(block) & (ulong.MaxValue << k) & (ulong.MaxValue >> (63 - se));
            while (pending != 0)
            {
                int z = BitOperations.TrailingZeroCount(pending);
                pending &= pending - 1;
                Refine(ref reader, ref Unsafe.Add(ref b, Unsafe.Add(ref zigzag, z)), p1, m1);
            }

            eobRun--;
        }

        _eobRun = eobRun;
        _reader = reader;
    }

    /// <summary>Bit z is set when the coefficient at zig-zag position z is nonzero.</summary>
    private static ulong NonzeroInZigzagOrder(Span<short> block)
    {
        ref short b = ref MemoryMarshal.GetReference(block);
        ulong natural = 0;
        for (int i = 0; i < 4; i++)
        {
            Vector256<short> v = Vector256.LoadUnsafe(ref b, (nuint)(16 * i));
            natural |= (ulong)(~Vector256.Equals(v, Vector256<short>.Zero)).ExtractMostSignificantBits() << (16 * i);
        }

        ulong zigzagOrder = 0;
        ReadOnlySpan<byte> toZigzag = NaturalToZigzag;
        while (natural != 0)
        {
            zigzagOrder |= 1UL << toZigzag[BitOperations.TrailingZeroCount(natural)];
            natural &= natural - 1;
        }

        return zigzagOrder;
    }

    /// <summary>Natural (row-major) index to zig-zag position: the inverse of <see cref="JpegConstants.ZigZagToNatural"/>.</summary>
    private static ReadOnlySpan<byte> NaturalToZigzag =>
    [
        0, 1, 5, 6, 14, 15, 27, 28, 2, 4, 7, 13, 16, 26, 29, 42,
        3, 8, 12, 17, 25, 30, 41, 43, 9, 11, 18, 24, 31, 40, 44, 53,
        10, 19, 23, 32, 39, 45, 52, 54, 20, 22, 33, 38, 46, 51, 55, 60,
        21, 34, 37, 47, 50, 56, 59, 61, 35, 36, 48, 49, 57, 58, 62, 63,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Refine(ref BitReader reader, ref short coef, int p1, int m1)
    {
        reader.EnsureBits();
        if (reader.GetBits(1) != 0 && (coef & p1) == 0)
        {
            coef += (short)(coef >= 0 ? p1 : m1);
        }
    }

    /// <summary>A scan's decoding counters between calls (see <see cref="Suspend"/>).</summary>
    internal readonly record struct Progress(int Row, int RestartsToGo, int NextRestart, int EobRun, int LastGoodRow);
}
