namespace Likeness.Core;

/// <summary>Something the caller named does not exist: <see cref="Entity"/> under <see cref="Key"/>.</summary>
public sealed class NotFoundException(EntityKind entity, string key, string message) : LikenessException(message)
{
    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.NotFound;

    /// <summary>What was looked for.</summary>
    public EntityKind Entity { get; } = entity;

    /// <summary>The name, id or prefix it was looked for by.</summary>
    public string Key { get; } = key;

    /// <summary>The provider it was looked for at, when that is part of the question.</summary>
    public string? Provider { get; init; }
}
