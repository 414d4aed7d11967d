namespace Likeness.Imaging.Rows;

/// <summary>What one codec learnt from a file's headers to read its rows in order, any number of times.</summary>
internal interface IRowPlan
{
    /// <summary>The rows' layout.</summary>
    PixelFormat Format { get; }

    /// <summary>
    /// Whether a read costs more than copying its rows from a file (it spills, or decodes every scan, before its first
    /// row): <see cref="ImageRows"/> then keeps the first complete read's rows for the reads after it.
    /// </summary>
    bool IsDear => false;

    /// <summary>Starts a read of <paramref name="data"/> (the bytes planned) from its first row.</summary>
    ImageRowReader Open(ReadOnlyMemory<byte> data);
}
