namespace Likeness.Core.Characters;

/// <summary>A person (or creature) who must look the same in every shot.</summary>
public sealed class Character
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 100;

    private Character()
    {
        Name = Description = TriggerToken = string.Empty;
        Profile = CharacterProfile.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The project the character belongs to.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>Display name, unique within the project.</summary>
    public string Name { get; private set; }

    /// <summary>
    /// <see cref="CharacterName.Key"/> of the name, unique within the project; null only on rows made before names
    /// were compared this way (the catalog still compares those by their name).
    /// </summary>
    public string? NameKey { get; private set; }

    /// <summary>Free text for people.</summary>
    public string Description { get; private set; }

    /// <summary>What prompts say about the character.</summary>
    public CharacterProfile Profile { get; private set; }

    /// <summary>Letters-only word trained identities bind to (see <see cref="Characters.TriggerToken"/>).</summary>
    public string TriggerToken { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Creates a character after checking the name and trigger token.</summary>
    public static Character Create(
        Guid projectId, string name, string? description, CharacterProfile? profile, string triggerToken, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        CheckName(name);
        Characters.TriggerToken.Validate(triggerToken);
        DateTimeOffset now = time.GetUtcNow();
        return new Character
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            Name = name.Trim(),
            NameKey = CharacterName.Key(name),
            Description = description?.Trim() ?? string.Empty,
            Profile = profile ?? CharacterProfile.Empty,
            TriggerToken = triggerToken,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Gives the character another name (its id, trigger token and everything made of it stay); uniqueness in the
    /// project is the catalog's to check.
    /// </summary>
    public void Rename(string name)
    {
        CheckName(name);
        Name = name.Trim();
        NameKey = CharacterName.Key(name);
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new InvalidInputException($"A character needs a name of 1 to {MaxNameLength} characters.", "name");
        }
    }

    /// <summary>Replaces the profile.</summary>
    public void UpdateProfile(CharacterProfile profile) => Profile = profile ?? throw new ArgumentNullException(nameof(profile));
}
