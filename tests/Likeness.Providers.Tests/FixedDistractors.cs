using Likeness.Core.Providers;
using Likeness.Providers.Sim;

namespace Likeness.Providers.Tests;

/// <summary>A sim distractor source that answers the same photos for every character.</summary>
internal sealed class FixedDistractors(IReadOnlyList<ReferencePhoto> photos) : ISimDistractorSource
{
    /// <summary>No distractors at all.</summary>
    public static FixedDistractors None { get; } = new([]);

    public Task<IReadOnlyList<ReferencePhoto>> DistractorsForAsync(string characterKey, CancellationToken cancellationToken) => Task.FromResult(photos);
}
