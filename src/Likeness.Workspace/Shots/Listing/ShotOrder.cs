using Likeness.Core;
using Likeness.Core.Shots;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Shots.Listing;

/// <summary>
/// The one order a character's shots are listed in, whole or in pages: oldest first, then by id. It is ordered and
/// limited in SQL on <see cref="Ticks"/>, the creation time as UTC ticks (a column SQLite can order by, which a
/// <see cref="DateTimeOffset"/> is not), through the index on (character, ticks, id). A page is the shots after a cursor
/// (the previous page's last id), found by seeking that index; full shots and summaries page through the same query.
/// </summary>
internal static class ShotOrder
{
    /// <summary>The shadow column that holds <see cref="Shot.CreatedAt"/> as UTC ticks, written once when a shot is added (<see cref="ShotCreatedTicks"/>).</summary>
    public const string Ticks = "CreatedTicks";

    /// <summary>The shots in list order: by <see cref="Ticks"/>, then by id.</summary>
    public static IOrderedQueryable<Shot> InListOrder(this IQueryable<Shot> shots) => shots.OrderBy(s => EF.Property<long>(s, Ticks)).ThenBy(s => s.Id);

    /// <summary>
    /// The query of the page of at most <paramref name="limit"/> shots that <paramref name="filter"/> keeps after
    /// <paramref name="after"/> (from the first when null), untracked, in list order: it reads one shot more than the
    /// page, which tells whether another follows (<see cref="Cut"/>). Callers select what they need from it (whole
    /// shots, summaries), so a page is one query after the cursor's lookup.
    /// </summary>
    public static async Task<IQueryable<Shot>> PageAsync(LikenessDbContext db, Guid characterId, int limit, Guid? after, ShotFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentNullException.ThrowIfNull(filter);
        IQueryable<Shot> shots = filter.Apply(db.Shots.AsNoTracking().Where(s => s.CharacterId == characterId));
        if (after is { } cursor)
        {
            // The cursor is any shot of the character's, whatever narrows the page.
            long at = await db.Shots.Where(s => s.Id == cursor && s.CharacterId == characterId).Select(s => (long?)EF.Property<long>(s, Ticks)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidInputException($"No shot {cursor} of this character to continue after.", "after");

            // (ticks, id) after (at, cursor); the first term is a range the index seeks to. Guid.CompareTo becomes the
            // column's own comparison, which orders as Guid does (SQLite: upper-case text; PostgreSQL: uuid bytes).
            shots = shots.Where(s => EF.Property<long>(s, Ticks) >= at && (EF.Property<long>(s, Ticks) > at || s.Id.CompareTo(cursor) > 0));
        }

        return shots.InListOrder().Take(limit + 1);
    }

    /// <summary>
    /// The page out of what <see cref="PageAsync"/> read: its first <paramref name="limit"/> rows, and the cursor of the
    /// next page (the last of them) when there was one more.
    /// </summary>
    public static (List<T> Page, Guid? Next) Cut<T>(List<T> rows, int limit, Func<T, Guid> id)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(id);
        if (rows.Count <= limit)
        {
            return (rows, null);
        }

        rows.RemoveRange(limit, rows.Count - limit);
        return (rows, id(rows[^1]));
    }
}
