namespace Likeness.Imaging.Rows;

/// <summary>What one codec learnt from a file's headers to read its rows in order, any number of times.</summary>
internal interface IRowPlan
{
    /// <summary>The rows' layout.</summary>
    PixelFormat Format { get; }

    /// <summary>Starts a read of <paramref name="data"/> (the bytes planned) from its first row.</summary>
    ImageRowReader Open(ReadOnlyMemory<byte> data);
}
