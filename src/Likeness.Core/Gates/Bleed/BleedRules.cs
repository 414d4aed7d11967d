namespace Likeness.Core.Gates.Bleed;

/// <summary>
/// Matches the faces of a multi-character shot to the cast. A face is a member when it is under that member's own
/// threshold and clearly closer to it than to any other member; it is ambiguous when a second member is also under
/// its threshold, or when the closest two are within <see cref="DefaultMargin"/> of each other (a face halfway
/// between two characters is the blend that bleed makes); otherwise it is a stranger.
/// </summary>
public static class BleedRules
{
    /// <summary>
    /// The default margin, in face-descriptor distance: 0.05 is a tenth of a typical calibrated threshold (0.45-0.6
    /// for face-api's descriptors), so two members whose distances differ by less cannot be told apart with confidence.
    /// </summary>
    public const double DefaultMargin = 0.05;

    /// <summary>The cast check of a shot whose faces (largest first) are at <paramref name="faces"/> from each member.</summary>
    public static BleedCheck Check(IReadOnlyList<IReadOnlyList<CastDistance>> faces, IReadOnlyList<Guid> expected, double margin = DefaultMargin)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(expected);
        if (margin < 0 || double.IsNaN(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be zero or more.");
        }

        var matches = faces.Select((distances, i) => Match(i, distances, margin)).ToList();
        var found = matches.Where(m => m.CharacterId is not null).GroupBy(m => m.CharacterId!.Value).ToDictionary(g => g.Key, g => g.Count());
        return new BleedCheck
        {
            Expected = expected,
            Faces = matches,
            Duplicated = [.. found.Where(f => f.Value > 1).Select(f => f.Key)],
            Missing = [.. expected.Distinct().Where(e => !found.ContainsKey(e))],
            Margin = margin,
        };
    }

    private static FaceMatch Match(int index, IReadOnlyList<CastDistance> distances, double margin)
    {
        var ordered = distances.OrderBy(d => d.Distance).ToList();
        CastDistance? best = ordered.FirstOrDefault();
        if (best is null || !best.Under)
        {
            return new FaceMatch(index, ordered, null, false);
        }

        bool ambiguous = ordered.Skip(1).Any(d => d.Under || d.Distance - best.Distance < margin);
        return new FaceMatch(index, ordered, ambiguous ? null : best.CharacterId, ambiguous);
    }
}
