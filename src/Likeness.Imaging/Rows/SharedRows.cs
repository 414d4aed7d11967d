namespace Likeness.Imaging.Rows;

/// <summary>
/// Every row of one read, kept in a <see cref="SpillFile"/> so that the reads after it copy rows instead of decoding
/// (and spilling) again: the checks over an upload read it in up to four passes. Counted: the
/// <see cref="ImageRows"/> that made it holds one reference and each read over it another, and the file is unmapped
/// and deleted when the last is released, so no read ever touches an unmapped page.
/// </summary>
internal sealed unsafe class SharedRows
{
    private readonly SpillFile _spill;
    private readonly byte* _rows;
    private int _references = 1;

    /// <summary>Maps <paramref name="spill"/> (which it owns from now on), which holds every row of a read.</summary>
    public SharedRows(SpillFile spill, int stride, bool truncated)
    {
        _spill = spill;
        Stride = stride;
        IsTruncated = truncated;
        _rows = spill.Map(writable: false);
    }

    /// <summary>Bytes per row.</summary>
    public int Stride { get; }

    /// <summary>Whether the read that wrote the rows found the file cut short.</summary>
    public bool IsTruncated { get; }

    /// <summary>The spill's path (for tests).</summary>
    internal string Path => _spill.Path;

    /// <summary>Rows <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/>.</summary>
    public ReadOnlySpan<byte> Rows(int first, int count) =>
        new(_rows + ((long)first * Stride), checked(count * Stride));

    /// <summary>Takes one more reference (for a read).</summary>
    public SharedRows Acquire()
    {
        Interlocked.Increment(ref _references);
        return this;
    }

    /// <summary>Gives one reference back; the last one deletes the file.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _spill.Dispose();
        }
    }
}
