namespace Likeness.Core.Characters;

/// <summary>
/// What a prompt must say for the character to come out right: the core identity in one phrase, physical
/// traits, the house style, and what must never appear.
/// </summary>
public sealed record CharacterProfile
{
    /// <summary>An empty profile.</summary>
    public static CharacterProfile Empty { get; } = new();

    /// <summary>One phrase: who this is ("a man in his fifties with short grey hair").</summary>
    public string CoreIdentity { get; init; } = string.Empty;

    /// <summary>Traits that must hold in every shot ("brown eyes", "scar above the left eyebrow").</summary>
    public IReadOnlyList<string> PhysicalTraits { get; init; } = [];

    /// <summary>Rendering style ("35mm film photo, natural light").</summary>
    public string Style { get; init; } = string.Empty;

    /// <summary>What must not appear; goes to the negative prompt.</summary>
    public IReadOnlyList<string> Negative { get; init; } = [];
}
