using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;
using Likeness.Core.Shots;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Ratings;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Ratings;

public sealed class RatingSessionTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_session_pairs_a_characters_shots_across_providers_and_refuses_another_projects_shots(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        Shot[] shots = await ShotsAsync(cast, cast.Obama, ["sim-instant", "sim-reference"], seeds: 3);
        RatingBook ratings = Get<RatingBook>(cast);

        RatingSession session = await ratings.CreateFromCharacterAsync(cast.Obama.ProjectId, cast.Obama.Id, null, perProviderPair: 2, createdBy: null);
        Assert.Equal(("Barack Obama", "character:Barack Obama"), (session.Name, session.Source));
        Assert.Equal(2, await ratings.PairCountAsync(session.Id));
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            List<RatingPair> pairs = await db.RatingPairs.Where(p => p.SessionId == session.Id).OrderBy(p => p.Ordinal).ToListAsync();
            Assert.All(pairs, p => Assert.Equal(("sim-instant", "sim-reference"), (p.FirstArm, p.SecondArm)));
            Assert.All(pairs, p => Assert.Equal("a portrait in a park", p.Cell));
        }

        // From shot ids: a Biden shot is another character (a separate cell, nothing to pair it with) but the same project.
        Shot biden = (await ShotsAsync(cast, cast.Biden, ["sim-instant"], seeds: 1))[0];
        RatingSession byIds = await ratings.CreateAsync(cast.Obama.ProjectId, "by ids", "shots", [.. shots.Select(s => s.Id), biden.Id], 1, null);
        Assert.Equal(1, await ratings.PairCountAsync(byIds.Id));

        // Another project sees neither the session nor the shots.
        Guid elsewhere = Guid.NewGuid();
        await Assert.ThrowsAsync<NotFoundException>(() => ratings.GetAsync(elsewhere, session.Id.ToString()));
        await Assert.ThrowsAsync<NotFoundException>(() => ratings.ResultsAsync(elsewhere, session.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => ratings.CreateAsync(elsewhere, "x", "shots", [.. shots.Select(s => s.Id)], 1, null));
        await Assert.ThrowsAsync<NotFoundException>(() => ratings.CreateAsync(cast.Obama.ProjectId, "x", "shots", [shots[0].Id, Guid.NewGuid()], 1, null));
        Assert.Equal([byIds.Id, session.Id], (await ratings.ListAsync(cast.Obama.ProjectId)).Select(s => s.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Raters_work_through_their_own_seeded_order_and_a_second_vote_replaces_the_first(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        var (session, _) = await SessionAsync(cast, seeds: 3);
        RatingBook ratings = Get<RatingBook>(cast);
        RatingBooth booth = Get<RatingBooth>(cast);
        Guid ann = Guid.NewGuid(), bob = Guid.NewGuid();

        RaterTask first = await booth.NextAsync(session.Id, ann, RaterKind.Member);
        Assert.Equal((0, 6, RatingQuestion.Identity), (first.Answered, first.Total, first.Question));
        int references = (await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id)).Count;
        Assert.Equal(Math.Min(RatingBooth.MaxReferences, references), first.ReferenceCount);
        Assert.Equal(first.PairId, (await booth.NextAsync(session.Id, ann, RaterKind.Member)).PairId);

        // Ann presses "left" on every question; what that means is her own sides, recorded as first/second shot.
        var pressed = new Dictionary<Guid, RatingAnswer>();
        for (RaterTask task = first; !task.Done; task = await booth.NextAsync(session.Id, ann, RaterKind.Member))
        {
            RatingVote vote = await booth.VoteAsync(session.Id, ann, task.PairId!.Value, task.Question!.Value, RatingSide.Left);
            pressed[task.PairId.Value] = vote.Answer;
            Assert.Equal(await booth.ShotImageAsync(session.Id, ann, task.PairId.Value, RatingSide.Left), await ShownAsync(cast, task.PairId.Value, vote.Answer));
        }

        RaterTask done = await booth.NextAsync(session.Id, ann, RaterKind.Member);
        Assert.Equal((true, 6, 6), (done.Done, done.Answered, done.Total));

        // Voting again replaces: still six votes, the answer changed.
        Guid changed = pressed.Keys.First();
        RatingVote again = await booth.VoteAsync(session.Id, ann, changed, RatingQuestion.Identity, RatingSide.CannotTell);
        Assert.Equal(RatingAnswer.CannotTell, again.Answer);
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            Assert.Equal(6, await db.RatingVotes.CountAsync(v => v.SessionId == session.Id));
            Rater stored = await db.Raters.SingleAsync(r => r.SessionId == session.Id && r.RaterId == ann);
            Assert.Equal(RaterKind.Member, stored.Kind);

            // The recorded seed replays Ann's order: her first pair is the one her seed puts first.
            List<RatingPair> pairs = await db.RatingPairs.Where(p => p.SessionId == session.Id).OrderBy(p => p.Ordinal).ToListAsync();
            Assert.Equal(first.PairId, pairs[stored.Order(pairs.Count).PairAt(0)].Id);
        }

        // Bob is a separate rater with his own order; a vote before starting is refused, a foreign pair is not found.
        await Assert.ThrowsAsync<RuleViolationException>(() => booth.VoteAsync(session.Id, bob, changed, RatingQuestion.Identity, RatingSide.Left));
        Assert.Equal(0, (await booth.NextAsync(session.Id, bob, RaterKind.Guest)).Answered);
        await Assert.ThrowsAsync<NotFoundException>(() => booth.VoteAsync(session.Id, bob, Guid.NewGuid(), RatingQuestion.Identity, RatingSide.Left));

        RatingResults results = await ratings.ResultsAsync(cast.Obama.ProjectId, session.Id);
        Assert.Equal((3, 3, 1), (results.Questions[0].Pairs, results.Questions[0].Votes, results.Questions[0].Raters));
        Assert.Equal((3, 3), (results.Questions[1].Pairs, results.Questions[1].Votes));
        Assert.Equal(3, results.Questions[1].WinRates.Sum(r => r.Wins));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_guests_invite_is_shown_once_stored_as_a_hash_and_stops_working_when_revoked(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        var (session, _) = await SessionAsync(cast, seeds: 1);
        RatingInvites invites = Get<RatingInvites>(cast);

        IssuedInvite issued = await invites.IssueAsync(cast.Obama.ProjectId, session.Id, "panel 1", null);
        Assert.StartsWith(RatingInvites.SecretPrefix, issued.Secret, StringComparison.Ordinal);
        Assert.Equal(64, issued.Invite.Hash.Length);
        Assert.DoesNotContain(issued.Secret, issued.Invite.Hash, StringComparison.Ordinal);
        Assert.Equal(session.Id, (await invites.AuthenticateAsync(issued.Secret))!.SessionId);
        Assert.Null(await invites.AuthenticateAsync(issued.Secret + "x"));
        Assert.Null(await invites.AuthenticateAsync("lk_" + issued.Secret[4..]));

        await Assert.ThrowsAsync<NotFoundException>(() => invites.IssueAsync(Guid.NewGuid(), session.Id, "panel 2", null));
        await Assert.ThrowsAsync<NotFoundException>(() => invites.RevokeAsync(Guid.NewGuid(), session.Id, issued.Invite.Id));
        await Assert.ThrowsAsync<InvalidInputException>(() => invites.IssueAsync(cast.Obama.ProjectId, session.Id, "panel 2", TimeSpan.FromDays(91)));

        await invites.RevokeAsync(cast.Obama.ProjectId, session.Id, issued.Invite.Id);
        Assert.Null(await invites.AuthenticateAsync(issued.Secret));
        Assert.NotNull(Assert.Single(await invites.ListAsync(cast.Obama.ProjectId, session.Id)).RevokedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Deleting_a_shot_takes_its_pairs_and_votes_with_it(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        var (session, shots) = await SessionAsync(cast, seeds: 1);
        RatingBook ratings = Get<RatingBook>(cast);
        RatingBooth booth = Get<RatingBooth>(cast);
        Guid rater = Guid.NewGuid();
        RaterTask task = await booth.NextAsync(session.Id, rater, RaterKind.Member);
        await booth.VoteAsync(session.Id, rater, task.PairId!.Value, RatingQuestion.Identity, RatingSide.Right);
        Assert.NotNull(await ratings.ResultsForShotsAsync([.. shots.Select(s => s.Id)]));

        await cast.Workspace.Deletions.DeleteShotAsync(shots[0].Id.ToString(), new DeleteOptions());

        await using LikenessDbContext db = cast.Workspace.OpenDb();
        Assert.Equal(0, await db.RatingPairs.CountAsync(p => p.SessionId == session.Id));
        Assert.Equal(0, await db.RatingVotes.CountAsync(v => v.SessionId == session.Id));
        Assert.Null(await ratings.ResultsForShotsAsync([.. shots.Select(s => s.Id)]));
    }

    /// <summary>Obama's shots at two sim providers, <paramref name="seeds"/> each, and a session pairing all of them.</summary>
    private static async Task<(RatingSession Session, Shot[] Shots)> SessionAsync(CastWorkspace cast, int seeds)
    {
        Shot[] shots = await ShotsAsync(cast, cast.Obama, ["sim-instant", "sim-reference"], seeds);
        RatingSession session = await Get<RatingBook>(cast).CreateFromCharacterAsync(cast.Obama.ProjectId, cast.Obama.Id, null, seeds, null);
        return (session, shots);
    }

    private static T Get<T>(CastWorkspace cast)
        where T : notnull => cast.Workspace.Services.GetRequiredService<T>();

    /// <summary>One identity per provider and <paramref name="seeds"/> shots at each, all of the same prompt.</summary>
    internal static async Task<Shot[]> ShotsAsync(CastWorkspace cast, Character character, string[] providers, int seeds)
    {
        var shots = new List<Shot>();
        foreach (string provider in providers)
        {
            IdentityModel identity = await cast.IdentityAsync(character, provider);
            for (int seed = 1; seed <= seeds; seed++)
            {
                ShotOutcome outcome = await cast.Workspace.Shots.GenerateAsync(
                    character, identity, new ShotRequest { Prompt = "a portrait in a park", Width = 128, Height = 160, Seed = seed });
                shots.Add(outcome.Shot);
            }
        }

        return [.. shots];
    }

    private static async Task<string> ShownAsync(CastWorkspace cast, Guid pairId, RatingAnswer answer)
    {
        await using LikenessDbContext db = cast.Workspace.OpenDb();
        RatingPair pair = await db.RatingPairs.SingleAsync(p => p.Id == pairId);
        Guid shot = answer == RatingAnswer.First ? pair.FirstShotId : pair.SecondShotId;
        return (await db.Shots.SingleAsync(s => s.Id == shot)).Assets[0];
    }
}
