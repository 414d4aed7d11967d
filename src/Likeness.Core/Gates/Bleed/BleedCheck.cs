namespace Likeness.Core.Gates.Bleed;

/// <summary>
/// A multi-character shot's cast check: every face found matched to the cast, the characters that appear more than
/// once, the expected ones that are missing, and the faces that are ambiguous. Stored on the shot's verdict.
/// </summary>
public sealed record BleedCheck
{
    /// <summary>The characters the prompt asked for.</summary>
    public required IReadOnlyList<Guid> Expected { get; init; }

    /// <summary>Each face found and who it is.</summary>
    public required IReadOnlyList<FaceMatch> Faces { get; init; }

    /// <summary>Characters matched by two or more faces.</summary>
    public required IReadOnlyList<Guid> Duplicated { get; init; }

    /// <summary>Expected characters no face matched.</summary>
    public required IReadOnlyList<Guid> Missing { get; init; }

    /// <summary>The margin of distance within which two members are too close to tell apart.</summary>
    public required double Margin { get; init; }

    /// <summary>Faces that could be either of two members.</summary>
    public int Ambiguous => Faces.Count(f => f.Ambiguous);

    /// <summary>Whether the shot bled: a character twice, an expected one missing, or an ambiguous face.</summary>
    public bool Bled => Duplicated.Count > 0 || Missing.Count > 0 || Ambiguous > 0;
}
