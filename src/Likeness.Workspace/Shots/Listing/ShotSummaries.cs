using System.Linq.Expressions;
using Likeness.Core.Shots;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Shots.Listing;

/// <summary>
/// A character's shots as summaries, in the list order (<see cref="ShotOrder"/>). A listed shot costs little: one
/// query selects the summary's columns (the brief fields of the shot's request, images and scores are columns of
/// their own, <see cref="ShotSummaryColumns"/>), so no shot's request, scores with their face descriptor, images or
/// metadata are read or parsed; only a verdict, review or route a shot has is read from its JSON.
/// </summary>
public sealed class ShotSummaries(IDbContextFactory<LikenessDbContext> database)
{
    // The summary as EF Core projects it: the columns it names are all the query reads.
    private static readonly Expression<Func<Shot, ShotSummary>> Summary = s => new ShotSummary(
        s.Id, s.CharacterId, s.IdentityModelId, s.Provider, s.Status,
        new ShotRequestBrief(
            EF.Property<string>(s, ShotSummaryColumns.Prompt), EF.Property<string?>(s, ShotSummaryColumns.Scenario), EF.Property<long>(s, ShotSummaryColumns.Seed)),
        EF.Property<int>(s, ShotSummaryColumns.ImageCount), s.CostUsd, s.Simulated,
        new ShotScoresBrief(
            EF.Property<bool?>(s, ShotSummaryColumns.FaceDetected), EF.Property<double?>(s, ShotSummaryColumns.FaceDistanceMin),
            EF.Property<double?>(s, ShotSummaryColumns.FaceDistanceMean), EF.Property<string?>(s, ShotSummaryColumns.FaceAnalyzer)),
        s.Error, s.CreatedAt, s.CompletedAt, s.Verdict, s.Review, s.Routing);

    /// <summary>Every shot of the character, oldest first (then by id).</summary>
    public Task<IReadOnlyList<ShotSummary>> ListAsync(Guid characterId, CancellationToken cancellationToken) => ListAsync(characterId, null, cancellationToken);

    /// <summary>Every shot of the character that <paramref name="filter"/> keeps (every one when null), oldest first (then by id).</summary>
    public async Task<IReadOnlyList<ShotSummary>> ListAsync(Guid characterId, ShotFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= ShotFilter.None;
        await using LikenessDbContext db = database.CreateDbContext();
        return await filter.Apply(db.Shots.AsNoTracking().Where(s => s.CharacterId == characterId)).InListOrder().Select(Summary)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// At most <paramref name="limit"/> shots that <paramref name="filter"/> keeps (every one when null) after the shot
    /// <paramref name="after"/> (from the first when null), and the cursor of the next page when more follow.
    /// </summary>
    public async Task<ShotSummaryPage> PageAsync(Guid characterId, int limit, Guid? after, ShotFilter? filter = null, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        IQueryable<Shot> query = await ShotOrder.PageAsync(db, characterId, limit, after, filter ?? ShotFilter.None, cancellationToken).ConfigureAwait(false);
        (List<ShotSummary> page, Guid? next) = ShotOrder.Cut(await query.Select(Summary).ToListAsync(cancellationToken).ConfigureAwait(false), limit, s => s.Id);
        return new ShotSummaryPage(page, next);
    }
}
