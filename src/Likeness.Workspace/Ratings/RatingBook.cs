using Likeness.Core;
using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;
using Likeness.Core.Shots;
using Likeness.Core.Studies;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Ratings;

/// <summary>
/// Blind rating sessions of one project: made from shot ids (a study's results, a character's shots) by
/// <see cref="PairPlanner"/>'s rule, listed, and analysed (<see cref="RatingAnalyzer"/>). Every lookup is scoped to the
/// project, so another project's session or shot is not found.
/// </summary>
public sealed class RatingBook(IDbContextFactory<LikenessDbContext> database, TimeProvider time, ILogger<RatingBook> logger)
{
    /// <summary>Pairs per provider pair and cell when the caller gives none.</summary>
    public const int DefaultPairsPerProviderPair = 2;

    /// <summary>
    /// A session over <paramref name="shotIds"/>, every one a succeeded shot with an image of a character of
    /// <paramref name="projectId"/> (any other is not found).
    /// </summary>
    public async Task<RatingSession> CreateAsync(
        Guid projectId, string name, string source, IReadOnlyCollection<Guid> shotIds, int perProviderPair, Guid? createdBy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shotIds);
        Guid[] ids = [.. shotIds.Distinct()];
        if (ids.Length == 0)
        {
            throw new InvalidInputException("A rating session needs shots to compare.", "shots");
        }

        await using LikenessDbContext db = database.CreateDbContext();
        List<PairCandidate> candidates = await CandidatesAsync(db, projectId, db.Shots.Where(s => ids.Contains(s.Id)), cancellationToken).ConfigureAwait(false);
        if (candidates.Count != ids.Length)
        {
            Guid missing = ids.First(id => candidates.All(c => c.ShotId != id));
            throw new NotFoundException(EntityKind.Shot, missing.ToString(), $"No succeeded shot {missing} with an image in this project.");
        }

        return await SaveAsync(db, projectId, name, source, candidates, perProviderPair, createdBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A session over a study's succeeded shots (drafts left out), named after the study.</summary>
    public Task<RatingSession> CreateFromStudyAsync(
        Guid projectId, StudyResults results, string? name, int perProviderPair, Guid? createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        Guid[] ids = [.. StudyShotIds(results)];
        return CreateAsync(projectId, name ?? results.Name, "study:" + results.Name, ids, perProviderPair, createdBy, cancellationToken);
    }

    /// <summary>A session over every succeeded shot of one character of the project.</summary>
    public async Task<RatingSession> CreateFromCharacterAsync(
        Guid projectId, Guid characterId, string? name, int perProviderPair, Guid? createdBy, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        string characterName = await db.Characters.Where(c => c.Id == characterId && c.ProjectId == projectId).Select(c => c.Name)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Character, characterId.ToString(), $"No character {characterId}.");
        List<PairCandidate> candidates = await CandidatesAsync(db, projectId, db.Shots.Where(s => s.CharacterId == characterId), cancellationToken).ConfigureAwait(false);
        return await SaveAsync(db, projectId, name ?? characterName, "character:" + characterName, candidates, perProviderPair, createdBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project's sessions, newest first.</summary>
    public async Task<IReadOnlyList<RatingSession>> ListAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return (await db.RatingSessions.AsNoTracking().Where(s => s.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderByDescending(s => s.CreatedAt).ToList();
    }

    /// <summary>The session with this id or unique id prefix in the project, or not found.</summary>
    public async Task<RatingSession> GetAsync(Guid projectId, string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        await using LikenessDbContext db = database.CreateDbContext();
        List<RatingSession> sessions = await db.RatingSessions.AsNoTracking().Where(s => s.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return IdPrefix.Unique(sessions, s => s.Id, idOrPrefix, EntityKind.Rating, null)
            ?? throw new NotFoundException(EntityKind.Rating, idOrPrefix, $"No rating session '{idOrPrefix}'.");
    }

    /// <summary>A session by id alone, for a guest whose invite names it (the invite is the guest's whole scope).</summary>
    public async Task<RatingSession> GetByIdAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.RatingSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Rating, sessionId.ToString(), $"No rating session {sessionId}.");
    }

    /// <summary>How many pairs the session has.</summary>
    public async Task<int> PairCountAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.RatingPairs.CountAsync(p => p.SessionId == sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The statistics of one session of the project.</summary>
    public async Task<RatingResults> ResultsAsync(Guid projectId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        if (!await db.RatingSessions.AnyAsync(s => s.Id == sessionId && s.ProjectId == projectId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException(EntityKind.Rating, sessionId.ToString(), $"No rating session {sessionId}.");
        }

        List<RatingPair> pairs = await db.RatingPairs.AsNoTracking().Where(p => p.SessionId == sessionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return await AnalyzeAsync(db, pairs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The statistics of every pair, in any session, whose two shots are both among <paramref name="shotIds"/> (a study's),
    /// or null when no such pair has a vote: what a study's report shows as its human section.
    /// </summary>
    public async Task<RatingResults?> ResultsForShotsAsync(IReadOnlyCollection<Guid> shotIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shotIds);
        Guid[] ids = [.. shotIds.Distinct()];
        await using LikenessDbContext db = database.CreateDbContext();
        List<RatingPair> pairs = await db.RatingPairs.AsNoTracking()
            .Where(p => ids.Contains(p.FirstShotId) && ids.Contains(p.SecondShotId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pairs.Count == 0)
        {
            return null;
        }

        RatingResults results = await AnalyzeAsync(db, pairs, cancellationToken).ConfigureAwait(false);
        return results.Questions.All(q => q.Votes == 0) ? null : results;
    }

    /// <summary>The shot ids of a study's succeeded, non-draft rows.</summary>
    public static IEnumerable<Guid> StudyShotIds(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (StudyShotResult shot in results.Shots)
        {
            if (shot.Draft != true && shot.Status == StudyStatuses.Succeeded && Guid.TryParse(shot.ShotId, out Guid id))
            {
                yield return id;
            }
        }
    }

    private static async Task<RatingResults> AnalyzeAsync(LikenessDbContext db, List<RatingPair> pairs, CancellationToken cancellationToken)
    {
        Guid[] pairIds = [.. pairs.Select(p => p.Id)];
        List<RatingVote> votes = await db.RatingVotes.AsNoTracking().Where(v => pairIds.Contains(v.PairId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        ILookup<Guid, RatingVote> byPair = votes.ToLookup(v => v.PairId);
        RatedPair[] rated = [.. pairs.OrderBy(p => p.SessionId).ThenBy(p => p.Ordinal).Select(p => new RatedPair(
            p.Id, p.FirstArm, p.SecondArm, p.FirstFaceDistance, p.SecondFaceDistance,
            [.. byPair[p.Id].Select(v => new RatingBallot(v.RaterId, v.Question, v.Answer))]))];
        return RatingAnalyzer.Analyze(rated);
    }

    private static async Task<List<PairCandidate>> CandidatesAsync(LikenessDbContext db, Guid projectId, IQueryable<Shot> shots, CancellationToken cancellationToken)
    {
        var rows = await shots.Where(s => s.Status == ShotStatus.Succeeded)
            .Join(db.Characters.Where(c => c.ProjectId == projectId), s => s.CharacterId, c => c.Id, (s, c) => s)
            .AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(s => s.Assets.Count > 0).Select(s => new PairCandidate(
            s.Id, s.CharacterId, s.Provider, s.Request.Scenario ?? s.Request.Prompt, s.Request.Prompt, s.Scores.FaceDistanceMean, s.CreatedAt))];
    }

    private async Task<RatingSession> SaveAsync(
        LikenessDbContext db, Guid projectId, string name, string source, List<PairCandidate> candidates, int perProviderPair, Guid? createdBy,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<PlannedPair> planned = PairPlanner.Plan(candidates, perProviderPair);
        RatingSession session = RatingSession.Create(projectId, name, source, createdBy, time);
        db.RatingSessions.Add(session);
        for (int i = 0; i < planned.Count; i++)
        {
            db.RatingPairs.Add(RatingPair.Create(session.Id, i, planned[i], time));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        RatingLog.SessionCreated(logger, session.Id, source, planned.Count);
        return session;
    }
}
