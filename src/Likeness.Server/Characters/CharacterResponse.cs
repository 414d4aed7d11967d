using Likeness.Core.Characters;

namespace Likeness.Server.Characters;

/// <summary>A character as the API shows it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Description">Its description.</param>
/// <param name="TriggerToken">The token its trained identities answer to in prompts.</param>
/// <param name="Profile">What prompts say about it.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record CharacterResponse(Guid Id, string Name, string Description, string TriggerToken, CharacterProfile Profile, DateTimeOffset CreatedAt)
{
    internal static CharacterResponse From(Character c) => new(c.Id, c.Name, c.Description, c.TriggerToken, c.Profile, c.CreatedAt);
}

/// <summary>Create a character.</summary>
/// <param name="Name">Its display name, unique in the project.</param>
/// <param name="Description">Free text.</param>
/// <param name="TriggerToken">The letters-only token trained identities bind to; generated when omitted.</param>
/// <param name="Profile">What prompts say about it.</param>
public sealed record CreateCharacterRequest(string? Name, string? Description, string? TriggerToken, CharacterProfile? Profile);

/// <summary>Rename a character.</summary>
/// <param name="Name">The new name.</param>
public sealed record RenameCharacterRequest(string? Name);
