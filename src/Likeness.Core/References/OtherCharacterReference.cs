namespace Likeness.Core.References;

/// <summary>A reference of another character, which the check compares uploads with to catch a photo used for two people.</summary>
/// <param name="CharacterName">The other character's name.</param>
/// <param name="FileName">The reference's file name.</param>
/// <param name="AssetSha256">The SHA-256 of its file.</param>
/// <param name="Fingerprint">Its 64-bit difference hash (<see cref="ImageFingerprint"/>).</param>
public sealed record OtherCharacterReference(string CharacterName, string FileName, string AssetSha256, ulong Fingerprint);
