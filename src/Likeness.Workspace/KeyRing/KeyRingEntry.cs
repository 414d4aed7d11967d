namespace Likeness.Workspace.KeyRing;

/// <summary>
/// One key of the server's key ring (ASP.NET Core data protection's XML for one key: it signs session cookies and
/// antiforgery tokens), kept in the database so every node of a cluster reads and writes the same ring. The XML is
/// data protection's own; this layer stores it and never reads inside it.
/// </summary>
public sealed class KeyRingEntry
{
    private KeyRingEntry()
    {
        Xml = string.Empty;
    }

    /// <summary>The row.</summary>
    public Guid Id { get; private set; }

    /// <summary>The name data protection gives it (the key's id), when any.</summary>
    public string? FriendlyName { get; private set; }

    /// <summary>The key's XML.</summary>
    public string Xml { get; private set; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A new entry.</summary>
    public static KeyRingEntry Create(string? friendlyName, string xml, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(xml);
        ArgumentNullException.ThrowIfNull(time);
        return new KeyRingEntry { Id = Guid.NewGuid(), FriendlyName = friendlyName, Xml = xml, CreatedAt = time.GetUtcNow() };
    }
}
