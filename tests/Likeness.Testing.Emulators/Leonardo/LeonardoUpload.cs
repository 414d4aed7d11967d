namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>An init image: its presigned form (policy, key, expiry, whether used) and, once uploaded, its bytes.</summary>
internal sealed class LeonardoUpload(string id, string extension, string key, string policy, DateTimeOffset expiresAt)
{
    public string Id { get; } = id;

    public string Extension { get; } = extension;

    public string Key { get; } = key;

    public string Policy { get; } = policy;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool PolicyUsed { get; set; }

    public byte[]? Bytes { get; set; }

    public bool Deleted { get; set; }
}
