namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// Tests that measure memory run alone: a test counting the array pools' events turns them on for every thread, and
/// the events' payloads are allocations on the thread that rents, so a read measured for allocations at the same time
/// (<see cref="JpegRowsTests"/>) counts them as its own; a big decode at the same time trims the shared pools.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurers
{
    /// <summary>The collection's name.</summary>
    public const string Name = "memory";
}
