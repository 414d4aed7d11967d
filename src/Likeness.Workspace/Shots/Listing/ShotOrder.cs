using Likeness.Core;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Shots.Listing;

/// <summary>
/// The one order a character's shots are listed in, whole or in pages: oldest first, then by id. A page is the ids
/// after a cursor (the previous page's last id); full shots and summaries page through the same sequence.
/// </summary>
internal static class ShotOrder
{
    /// <summary>
    /// The ids of the page of at most <paramref name="limit"/> shots that <paramref name="filter"/> keeps after
    /// <paramref name="after"/> (from the first when null), and the cursor of the next page when more follow.
    /// </summary>
    public static async Task<(List<Guid> Ids, Guid? Next)> PageAsync(LikenessDbContext db, Guid characterId, int limit, Guid? after, ShotFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // Only ids and times are read to order them (SQLite cannot order by a DateTimeOffset); only the page's rows are read whole.
        var keys = await filter.Apply(db.Shots.AsNoTracking().Where(s => s.CharacterId == characterId), after).Select(s => new { s.Id, s.CreatedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        List<Guid> ordered = [.. keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Select(k => k.Id)];
        int start = 0;
        if (after is { } cursor)
        {
            int at = ordered.IndexOf(cursor);
            start = at >= 0 ? at + 1 : throw new InvalidInputException($"No shot {cursor} of this character to continue after.", "after");
        }

        List<Guid> ids = [.. ordered.Skip(start).Take(limit)];
        return (ids, start + ids.Count < ordered.Count ? ids[^1] : null);
    }
}
