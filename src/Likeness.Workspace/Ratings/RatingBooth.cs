using System.Security.Cryptography;
using Likeness.Core;
using Likeness.Core.Pins;
using Likeness.Core.Ratings;
using Likeness.Core.References;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Ratings;

/// <summary>
/// Where a rater works through a session: the next pair and question in their own seeded order, their votes (a second
/// vote on the same pair and question replaces the first), and the images of a pair's sides and of its character's
/// references, found by pair id and side so the rater never learns a shot id or provider.
/// </summary>
public sealed class RatingBooth(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>Most reference images shown beside a pair (the frontal one and up to three others, as a pin).</summary>
    public const int MaxReferences = 1 + Pin.MaxReferences;

    private static readonly RatingQuestion[] Questions = [RatingQuestion.Identity, RatingQuestion.Prompt];

    /// <summary>
    /// The rater's next unanswered question. The first call records the rater with a fresh random seed; the session must
    /// already be known to belong to the caller's project or invite.
    /// </summary>
    public async Task<RaterTask> NextAsync(Guid sessionId, Guid raterId, RaterKind kind, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        List<RatingPair> pairs = await PairsAsync(db, sessionId, cancellationToken).ConfigureAwait(false);
        Rater rater = await RaterAsync(db, sessionId, raterId, kind, cancellationToken).ConfigureAwait(false);
        HashSet<(Guid, RatingQuestion)> answered = [.. (await db.RatingVotes.AsNoTracking()
            .Where(v => v.SessionId == sessionId && v.RaterId == raterId).Select(v => new { v.PairId, v.Question })
            .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(v => (v.PairId, v.Question))];
        int total = pairs.Count * Questions.Length;
        RaterOrder order = rater.Order(pairs.Count);
        for (int position = 0; position < pairs.Count; position++)
        {
            RatingPair pair = pairs[order.PairAt(position)];
            foreach (RatingQuestion question in Questions)
            {
                if (!answered.Contains((pair.Id, question)))
                {
                    int references = Math.Min(MaxReferences, await db.References.CountAsync(r => r.CharacterId == pair.CharacterId, cancellationToken).ConfigureAwait(false));
                    return new RaterTask(sessionId, pair.Id, question, pair.Prompt, references, answered.Count, total);
                }
            }
        }

        return new RaterTask(sessionId, null, null, null, 0, total, total);
    }

    /// <summary>Records what the rater pressed on <paramref name="pairId"/>, replacing an earlier vote on the same question.</summary>
    public async Task<RatingVote> VoteAsync(
        Guid sessionId, Guid raterId, Guid pairId, RatingQuestion question, RatingSide side, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(question) || !Enum.IsDefined(side))
        {
            throw new InvalidInputException("A vote answers the identity or prompt question with left, right or cannot-tell.", "answer");
        }

        await using LikenessDbContext db = database.CreateDbContext();
        List<RatingPair> pairs = await PairsAsync(db, sessionId, cancellationToken).ConfigureAwait(false);
        int index = pairs.FindIndex(p => p.Id == pairId);
        if (index < 0)
        {
            throw new NotFoundException(EntityKind.Rating, pairId.ToString(), $"No pair {pairId} in this session.");
        }

        Rater rater = await db.Raters.AsNoTracking().SingleOrDefaultAsync(r => r.SessionId == sessionId && r.RaterId == raterId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuleViolationException("Ask for the next pair before voting: the sides are drawn when a rater starts.");
        RatingAnswer answer = rater.Order(pairs.Count).AnswerFor(index, side);
        RatingVote? vote = await db.RatingVotes
            .SingleOrDefaultAsync(v => v.PairId == pairId && v.RaterId == raterId && v.Question == question, cancellationToken).ConfigureAwait(false);
        if (vote is null)
        {
            vote = RatingVote.Create(sessionId, pairId, raterId, question, answer, time);
            db.RatingVotes.Add(vote);
        }
        else
        {
            vote.Change(answer, time);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return vote;
    }

    /// <summary>The asset of the shot this rater sees on <paramref name="side"/> of <paramref name="pairId"/>.</summary>
    public async Task<string> ShotImageAsync(Guid sessionId, Guid raterId, Guid pairId, RatingSide side, CancellationToken cancellationToken = default)
    {
        if (side == RatingSide.CannotTell || !Enum.IsDefined(side))
        {
            throw new InvalidInputException("A pair's image is on the left or the right.", "side");
        }

        await using LikenessDbContext db = database.CreateDbContext();
        List<RatingPair> pairs = await PairsAsync(db, sessionId, cancellationToken).ConfigureAwait(false);
        int index = pairs.FindIndex(p => p.Id == pairId);
        Rater? rater = await db.Raters.AsNoTracking().SingleOrDefaultAsync(r => r.SessionId == sessionId && r.RaterId == raterId, cancellationToken).ConfigureAwait(false);
        if (index < 0 || rater is null)
        {
            throw new NotFoundException(EntityKind.Rating, pairId.ToString(), $"No pair {pairId} in this session.");
        }

        RatingAnswer shown = rater.Order(pairs.Count).AnswerFor(index, side);
        Guid shotId = shown == RatingAnswer.First ? pairs[index].FirstShotId : pairs[index].SecondShotId;
        List<string> assets = await db.Shots.AsNoTracking().Where(s => s.Id == shotId).Select(s => s.Assets).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? [];
        return assets.Count > 0
            ? assets[0]
            : throw new NotFoundException(EntityKind.File, pairId.ToString(), "The shot's image is no longer stored.");
    }

    /// <summary>The asset of the pair's character's <paramref name="index"/>-th reference shown (the frontal one first).</summary>
    public async Task<string> ReferenceImageAsync(Guid sessionId, Guid pairId, int index, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Guid characterId = await db.RatingPairs.Where(p => p.Id == pairId && p.SessionId == sessionId).Select(p => (Guid?)p.CharacterId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Rating, pairId.ToString(), $"No pair {pairId} in this session.");
        List<ReferenceImage> references = await db.References.AsNoTracking().Where(r => r.CharacterId == characterId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (references.Count == 0)
        {
            throw new NotFoundException(EntityKind.Reference, index.ToString(System.Globalization.CultureInfo.InvariantCulture), "The character has no references.");
        }

        ReferenceImage frontal = PinSelection.Frontal(references);
        ReferenceImage[] shown = [frontal, .. PinSelection.Others(references, frontal).Take(MaxReferences - 1)];
        return index >= 0 && index < shown.Length
            ? shown[index].AssetSha256
            : throw new NotFoundException(EntityKind.Reference, index.ToString(System.Globalization.CultureInfo.InvariantCulture), $"There are {shown.Length} reference images.");
    }

    private static async Task<List<RatingPair>> PairsAsync(LikenessDbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        (await db.RatingPairs.AsNoTracking().Where(p => p.SessionId == sessionId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(p => p.Ordinal).ToList();

    private async Task<Rater> RaterAsync(LikenessDbContext db, Guid sessionId, Guid raterId, RaterKind kind, CancellationToken cancellationToken)
    {
        Rater? rater = await db.Raters.AsNoTracking().SingleOrDefaultAsync(r => r.SessionId == sessionId && r.RaterId == raterId, cancellationToken).ConfigureAwait(false);
        if (rater is not null)
        {
            return rater;
        }

        rater = Rater.Create(sessionId, raterId, kind, RandomNumberGenerator.GetInt32(int.MaxValue), time);
        db.Raters.Add(rater);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return rater;
        }
        catch (DbUpdateException)
        {
            // Two first requests at once (a double click): the other one's seed is the rater's.
            db.ChangeTracker.Clear();
            return await db.Raters.AsNoTracking().SingleAsync(r => r.SessionId == sessionId && r.RaterId == raterId, cancellationToken).ConfigureAwait(false);
        }
    }
}
