namespace Likeness.Core;

/// <summary>
/// The request clashes with what exists: <see cref="Key"/> is taken by another <see cref="Entity"/>, or names
/// several of them at once.
/// </summary>
public sealed class ConflictException(EntityKind entity, string key, string message) : LikenessException(message)
{
    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Conflict;

    /// <summary>What the key clashes over.</summary>
    public EntityKind Entity { get; } = entity;

    /// <summary>The name, token or prefix that clashes.</summary>
    public string Key { get; } = key;
}
