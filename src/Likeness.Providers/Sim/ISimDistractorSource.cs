using Likeness.Core.Providers;

namespace Likeness.Providers.Sim;

/// <summary>
/// Photos of other people the simulator drifts to when a shot loses the character's identity. The workspace
/// supplies the other characters' references, so drift lands on a real, different face.
/// </summary>
public interface ISimDistractorSource
{
    /// <summary>Photos of people other than <paramref name="characterKey"/>; may be empty.</summary>
    Task<IReadOnlyList<ReferencePhoto>> DistractorsForAsync(string characterKey, CancellationToken cancellationToken);
}
