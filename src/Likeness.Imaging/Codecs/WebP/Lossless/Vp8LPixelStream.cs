namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>
/// The entropy-coded pixels of one VP8L image, decoded in order into a ring: literals, colour-cache hits and LZ77
/// back-references. A back-reference reaches at most ~1M pixels back (distance code 40 with every extra bit set) and
/// copies at most 4,096, so a ring of that reach plus a row and a copy holds every pixel a later one can read and
/// every pixel of the row being handed out: a read by rows holds ~4 MB whatever the image's size. A sub-image (a
/// transform's data, the entropy image) is held whole (<see cref="Whole"/>).
/// </summary>
internal sealed class Vp8LPixelStream
{
    /// <summary>Symbols of the green alphabet below this are literal green values.</summary>
    public const int LiteralCount = 256;

    /// <summary>Length prefix codes that follow the literals in the green alphabet.</summary>
    public const int LengthCodeCount = 24;

    /// <summary>Farther than any back-reference reaches: (3 &lt;&lt; 18) + 2^18 − 120 pixels, or 7 rows and 8 pixels.</summary>
    private const int MaxDistance = 1 << 20;

    /// <summary>Longer than any back-reference copies (length prefix 23 with every extra bit set).</summary>
    private const int MaxLength = 4096;

    private const uint CacheMultiplier = 0x1E35A7BD;

    private readonly int _width;
    private readonly int _total;
    private readonly PrefixCode[][] _groups;
    private readonly uint[]? _entropyImage;
    private readonly int _metaBits;
    private readonly int _blocksWide;
    private readonly uint[]? _cache;
    private readonly int _cacheShift;
    private readonly uint[] _ring;
    private int _position;
    private int _at;
    private int _x;
    private int _y;

    /// <summary>A stream of <paramref name="width"/> × <paramref name="height"/> pixels held in <paramref name="capacity"/> pixels.</summary>
    public Vp8LPixelStream(int width, int height, PrefixCode[][] groups, uint[]? entropyImage, int metaBits, int cacheBits, int capacity)
    {
        _width = width;
        _total = width * height;
        _groups = groups;
        _entropyImage = entropyImage;
        _metaBits = metaBits;
        _blocksWide = Vp8LDecoder.DivRoundUp(width, metaBits);
        _cache = cacheBits > 0 ? new uint[1 << cacheBits] : null;
        _cacheShift = 32 - cacheBits;
        _ring = new uint[capacity];
    }

    /// <summary>Pixels a stream of <paramref name="width"/> × <paramref name="height"/> holds when read by rows.</summary>
    public static int RowCapacity(int width, int height) => (int)Math.Min((long)width * height, MaxDistance + width + MaxLength);

    /// <summary>Pixels decoded so far.</summary>
    public int Position => _position;

    /// <summary>Decodes every pixel of a stream held whole (its capacity is its size) and returns them.</summary>
    public uint[] Whole(ref Vp8LBitReader reader)
    {
        DecodeTo(ref reader, _total);
        return _ring;
    }

    /// <summary>Decodes until at least <paramref name="target"/> pixels (at most the image's) are decoded.</summary>
    /// <exception cref="InvalidImageException">The data ends early, or a back-reference points outside the image.</exception>
    public void DecodeTo(ref Vp8LBitReader reader, int target)
    {
        while (_position < target)
        {
            PrefixCode[] codes = _groups[_entropyImage is null ? 0 : _entropyImage[((_y >> _metaBits) * _blocksWide) + (_x >> _metaBits)]];
            int green = codes[0].Read(ref reader);
            if (green < LiteralCount)
            {
                uint red = (uint)codes[1].Read(ref reader), blue = (uint)codes[2].Read(ref reader), alpha = (uint)codes[3].Read(ref reader);
                Put((alpha << 24) | (red << 16) | ((uint)green << 8) | blue);
                Advance(1);
            }
            else if (green < LiteralCount + LengthCodeCount)
            {
                int length = Vp8LDecoder.PrefixValue(ref reader, green - LiteralCount);
                int distance = DistanceMap.Distance(Vp8LDecoder.PrefixValue(ref reader, codes[4].Read(ref reader)), _width);
                if (distance > _position || length > _total - _position)
                {
                    throw InvalidImageException.Corrupt("A WebP lossless back-reference points outside the image.");
                }

                int from = _at - distance;
                if (from < 0)
                {
                    from += _ring.Length;
                }

                // Pixel by pixel: a copy may read what it has just written (distance below length).
                for (int i = 0; i < length; i++)
                {
                    Put(_ring[from]);
                    if (++from == _ring.Length)
                    {
                        from = 0;
                    }
                }

                Advance(length);
            }
            else
            {
                Put(_cache![green - LiteralCount - LengthCodeCount]);
                Advance(1);
            }
        }
    }

    /// <summary>Copies pixels from <paramref name="start"/> (among the last the ring holds) into <paramref name="destination"/>.</summary>
    public void CopyOut(int start, Span<uint> destination)
    {
        int from = _at - (_position - start);
        if (from < 0)
        {
            from += _ring.Length;
        }

        int first = Math.Min(destination.Length, _ring.Length - from);
        _ring.AsSpan(from, first).CopyTo(destination);
        _ring.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }

    /// <summary>Writes the next pixel; every decoded pixel enters the colour cache, in order.</summary>
    private void Put(uint pixel)
    {
        _ring[_at] = pixel;
        if (++_at == _ring.Length)
        {
            _at = 0;
        }

        if (_cache is not null)
        {
            _cache[(CacheMultiplier * pixel) >> _cacheShift] = pixel;
        }
    }

    private void Advance(int count)
    {
        _position += count;
        _x += count;
        while (_x >= _width)
        {
            _x -= _width;
            _y++;
        }
    }
}
