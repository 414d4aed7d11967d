namespace Likeness.Imaging.Resampling;

/// <summary>Options for <see cref="Resampler"/>. The output does not depend on them, only the speed.</summary>
public sealed record ResampleOptions
{
    /// <summary>One thread.</summary>
    public static ResampleOptions Default { get; } = new();

    /// <summary>
    /// How many threads may share one resize (bands of rows). 1 (the default) keeps the work on the calling thread,
    /// which suits servers that already resize several images at once; -1 means one per processor.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal int EffectiveParallelism
    {
        get
        {
            if (MaxDegreeOfParallelism == -1)
            {
                return Environment.ProcessorCount;
            }

            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDegreeOfParallelism, nameof(MaxDegreeOfParallelism));
            return MaxDegreeOfParallelism;
        }
    }
}
