using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.KeyRing;

/// <summary>
/// The key ring's rows. Synchronous on purpose: data protection's repository interface is synchronous (it reads the
/// ring rarely and caches it), so these use EF's synchronous calls rather than blocking on tasks.
/// </summary>
public sealed class KeyRingStore(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>Every stored key's XML, oldest first.</summary>
    public IReadOnlyList<string> ReadAll()
    {
        using LikenessDbContext db = database.CreateDbContext();
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        return [.. db.KeyRingEntries.AsNoTracking().ToList().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Select(k => k.Xml)];
    }

    /// <summary>Stores one key's XML.</summary>
    public void Add(string? friendlyName, string xml)
    {
        using LikenessDbContext db = database.CreateDbContext();
        db.KeyRingEntries.Add(KeyRingEntry.Create(friendlyName, xml, time));
        db.SaveChanges();
    }
}
