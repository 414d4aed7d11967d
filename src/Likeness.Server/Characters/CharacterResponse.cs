using Likeness.Core.Characters;

namespace Likeness.Server.Characters;

/// <summary>A character as the API shows it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Description">Its description.</param>
/// <param name="TriggerToken">The token its trained identities answer to in prompts.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record CharacterResponse(Guid Id, string Name, string Description, string TriggerToken, DateTimeOffset CreatedAt)
{
    internal static CharacterResponse From(Character c) => new(c.Id, c.Name, c.Description, c.TriggerToken, c.CreatedAt);
}
