namespace Likeness.Core.Accounts;

/// <summary>
/// A personal API token: its secret is shown once when it is issued; only its SHA-256 is stored, so a copy of the
/// database cannot call the server. Revoked tokens stay as rows (their last use is history).
/// </summary>
public sealed class ApiToken
{
    /// <summary>Longest label accepted.</summary>
    public const int MaxNameLength = 100;

    private ApiToken()
    {
        Name = Hash = Prefix = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>Whose token it is.</summary>
    public Guid UserId { get; private set; }

    /// <summary>The owner's label for it ("ci", "laptop").</summary>
    public string Name { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public string Hash { get; private set; }

    /// <summary>The secret's first characters, so a person can tell tokens apart without the secret.</summary>
    public string Prefix { get; private set; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it was last used (updated at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>When it was revoked; null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Records a token whose secret hashes to <paramref name="hash"/>.</summary>
    public static ApiToken Create(Guid userId, string name, string hash, string prefix, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        string label = name?.Trim() ?? string.Empty;
        if (label.Length is 0 or > MaxNameLength)
        {
            throw new InvalidInputException($"A token's name has 1 to {MaxNameLength} characters.", "name");
        }

        DateTimeOffset now = time.GetUtcNow();
        return new ApiToken { Id = Guid.CreateVersion7(now), UserId = userId, Name = label, Hash = hash, Prefix = prefix, CreatedAt = now };
    }

    /// <summary>Notes a use.</summary>
    public void Used(DateTimeOffset at) => LastUsedAt = at;

    /// <summary>Stops it working (again is a no-op).</summary>
    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
