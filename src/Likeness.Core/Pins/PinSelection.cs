using Likeness.Core.References;

namespace Likeness.Core.Pins;

/// <summary>
/// Picks a pin's images when the user does not: the first reference with the frontal role, then up to
/// <see cref="Pin.MaxReferences"/> others chosen for variety (a new role before a repeated one, photos with a
/// face first, older first), because a video element learns most from different angles of the same face.
/// </summary>
public static class PinSelection
{
    /// <summary>The default frontal image: the oldest reference with the frontal role.</summary>
    public static ReferenceImage Frontal(IReadOnlyList<ReferenceImage> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return references.Where(r => r.Role == ReferenceRole.Frontal).OrderBy(r => r.AddedAt).FirstOrDefault()
            ?? throw new RuleViolationException("No reference has the frontal role.", DomainRules.FrontalRequired);
    }

    /// <summary>Up to <see cref="Pin.MaxReferences"/> references besides <paramref name="frontal"/>, by role variety.</summary>
    public static IReadOnlyList<ReferenceImage> Others(IReadOnlyList<ReferenceImage> references, ReferenceImage frontal)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(frontal);
        var candidates = references.Where(r => r.Id != frontal.Id)
            .OrderBy(r => r.Analysis is { FacesFound: 0 } ? 1 : 0)
            .ThenBy(r => r.AddedAt)
            .ToList();
        var chosen = new List<ReferenceImage>();
        var roles = new HashSet<ReferenceRole> { frontal.Role };
        while (chosen.Count < Pin.MaxReferences && candidates.Count > 0)
        {
            ReferenceImage next = candidates.FirstOrDefault(r => !roles.Contains(r.Role)) ?? candidates[0];
            chosen.Add(next);
            roles.Add(next.Role);
            candidates.Remove(next);
        }

        return chosen;
    }
}
