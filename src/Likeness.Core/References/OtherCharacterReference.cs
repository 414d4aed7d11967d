namespace Likeness.Core.References;

/// <summary>A reference of another character, which the check compares uploads with to catch a photo used for two people.</summary>
/// <param name="CharacterName">The other character's name.</param>
/// <param name="Reference">Its reference.</param>
public sealed record OtherCharacterReference(string CharacterName, ReferenceImage Reference);
