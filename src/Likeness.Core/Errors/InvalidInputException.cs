namespace Likeness.Core;

/// <summary>A value the caller gave is malformed or out of range; <see cref="Field"/> names it when known.</summary>
public sealed class InvalidInputException(string message, string? field = null) : LikenessException(message)
{
    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.InvalidInput;

    /// <summary>The input at fault (<c>prompt</c>, <c>aspect-ratio</c>, a file's path), when known.</summary>
    public string? Field { get; } = field;
}
