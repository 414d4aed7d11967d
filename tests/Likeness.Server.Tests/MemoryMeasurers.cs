namespace Likeness.Server.Tests;

/// <summary>
/// Tests that measure the process's memory (the shared array pools, allocations) run alone: another test's server
/// running at the same time would rent from the same pools.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurers
{
    /// <summary>The collection's name.</summary>
    public const string Name = "memory";
}
