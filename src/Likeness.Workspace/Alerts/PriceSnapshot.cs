namespace Likeness.Workspace.Alerts;

/// <summary>A price table in force at some start (its lines as text), so the next start can tell a change from the first look.</summary>
public sealed class PriceSnapshot
{
    private PriceSnapshot()
    {
    }

    /// <summary>Its id (time-ordered: the newest is the table last in force).</summary>
    public Guid Id { get; private set; }

    /// <summary>SHA-256 of <see cref="Lines"/> (unique).</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>One line per priced app: provider, app, unit, USD.</summary>
    public string Lines { get; private set; } = "";

    /// <summary>When it was first seen.</summary>
    public DateTimeOffset SeenAt { get; private set; }

    internal static PriceSnapshot Create(string fingerprint, string lines, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(at), Fingerprint = fingerprint, Lines = lines, SeenAt = at };
}
