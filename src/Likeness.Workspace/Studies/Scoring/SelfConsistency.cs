using Likeness.Core.Scoring;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>
/// Self-consistency (ViStoryBench's "self" score): for each shot, the mean face-descriptor distance to the other
/// shots of the same group (one character, provider and scenario). Lower is more consistent. A shot without a
/// face, or alone in its group with a face, gets none.
/// </summary>
public static class SelfConsistency
{
    /// <summary>The value for each shot, in input order, from each shot's group name and face descriptor (null without a face).</summary>
    public static double?[] Compute(IReadOnlyList<string> groups, IReadOnlyList<IReadOnlyList<float>?> descriptors)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(descriptors);
        var result = new double?[groups.Count];
        foreach (var members in Enumerable.Range(0, groups.Count).GroupBy(i => groups[i], StringComparer.Ordinal))
        {
            var withFace = members.Where(i => descriptors[i] is { Count: > 0 }).ToList();
            foreach (int i in withFace)
            {
                var others = withFace.Where(j => j != i).Select(j => FaceDistance.Between(descriptors[i]!, descriptors[j]!)).ToList();
                result[i] = others.Count > 0 ? others.Average() : null;
            }
        }

        return result;
    }
}
