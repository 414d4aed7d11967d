using System.Text.Json;
using Likeness.Core.Gates;
using Likeness.Core.Routing;
using Likeness.Core.Shots;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Shots.Listing;

/// <summary>
/// A character's shots as summaries, in the list order (<see cref="ShotOrder"/>). A listed shot costs little: the
/// query reads the shot's columns as stored text (no converter materialises its request, scores with their face
/// descriptor or metadata), and only the few fields a list shows are picked out of its JSON.
/// </summary>
public sealed class ShotSummaries(IDbContextFactory<LikenessDbContext> database)
{
    // The same text on SQLite and PostgreSQL (quoted names); filters and paging are composed on it by EF Core.
    private const string Columns = """
        SELECT "Id", "CharacterId", "IdentityModelId", "Provider", "Status", "Request", "Assets", "CostUsd", "Simulated", "Scores", "Error",
               "CreatedAt", "CompletedAt", "Verdict", "Review", "Routing", "CreatedTicks"
        FROM "Shots"
        """;

    /// <summary>Every shot of the character, oldest first (then by id).</summary>
    public Task<IReadOnlyList<ShotSummary>> ListAsync(Guid characterId, CancellationToken cancellationToken) => ListAsync(characterId, null, cancellationToken);

    /// <summary>Every shot of the character that <paramref name="filter"/> keeps (every one when null), oldest first (then by id).</summary>
    public async Task<IReadOnlyList<ShotSummary>> ListAsync(Guid characterId, ShotFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= ShotFilter.None;
        await using LikenessDbContext db = database.CreateDbContext();
        IQueryable<ShotSummaryRow> query = Rows(db).Where(r => r.CharacterId == characterId);
        if (!filter.IsEmpty)
        {
            // The rows are read as text, so the filter picks their ids from the mapped shots in the same query.
            IQueryable<Guid> kept = filter.Apply(db.Shots.Where(s => s.CharacterId == characterId)).Select(s => s.Id);
            query = query.Where(r => kept.Contains(r.Id));
        }

        List<ShotSummaryRow> rows = await query.OrderBy(r => r.CreatedTicks).ThenBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(Summarise)];
    }

    /// <summary>
    /// At most <paramref name="limit"/> shots that <paramref name="filter"/> keeps (every one when null) after the shot
    /// <paramref name="after"/> (from the first when null), and the cursor of the next page when more follow.
    /// </summary>
    public async Task<ShotSummaryPage> PageAsync(Guid characterId, int limit, Guid? after, ShotFilter? filter = null, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        (List<Guid> ids, Guid? next) = await ShotOrder.PageAsync(db, characterId, limit, after, filter ?? ShotFilter.None, cancellationToken).ConfigureAwait(false);
        Dictionary<Guid, ShotSummaryRow> rows = await Rows(db).Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken).ConfigureAwait(false);
        return new ShotSummaryPage([.. ids.Select(id => Summarise(rows[id]))], next);
    }

    private static IQueryable<ShotSummaryRow> Rows(LikenessDbContext db) => db.Database.SqlQueryRaw<ShotSummaryRow>(Columns);

    private static ShotSummary Summarise(ShotSummaryRow row)
    {
        JsonSerializerOptions json = JsonColumn.Options;
        return new ShotSummary(
            row.Id, row.CharacterId, row.IdentityModelId, row.Provider, Enum.Parse<ShotStatus>(row.Status),
            JsonSerializer.Deserialize<ShotRequestBrief>(row.Request, json)!, JsonSerializer.Deserialize<List<string>>(row.Assets, json)!.Count, row.CostUsd,
            row.Simulated, JsonSerializer.Deserialize<ShotScoresBrief>(row.Scores, json)!, row.Error, row.CreatedAt, row.CompletedAt,
            row.Verdict is null ? null : JsonSerializer.Deserialize<ShotVerdict>(row.Verdict, json),
            row.Review is null ? null : JsonSerializer.Deserialize<ShotReview>(row.Review, json),
            row.Routing is null ? null : JsonSerializer.Deserialize<ShotRouting>(row.Routing, json));
    }
}
