using Likeness.Core;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Shots.Listing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Shots;

/// <summary>The shot list's order (<see cref="ShotOrder"/>): oldest first, then by id, ordered and paged in SQL on both databases.</summary>
public sealed class ShotOrderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Paging_through_shots_made_in_the_same_tick_returns_each_once_oldest_first_then_by_id(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IdentityModel obama = await cast.IdentityAsync(cast.Obama, "sim-instant");
        IdentityModel biden = await cast.IdentityAsync(cast.Biden, "sim-instant");
        // Twenty shots in each of three ticks, the newest tick added first: neither the order they were added in nor
        // row ids can pass for the list's. Ids made in one millisecond (v7) are random after it, so ties test the id order.
        var made = new List<Shot>();
        var others = new List<Shot>();
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            foreach (TimeSpan later in new[] { TimeSpan.FromMilliseconds(2), TimeSpan.Zero, TimeSpan.FromMilliseconds(1) })
            {
                var time = new ManualTime(Noon + later);
                for (int i = 0; i < 20; i++)
                {
                    Shot shot = Shot.Create(cast.Obama.Id, obama.Id, obama.Provider, ShotRunnerTests.Request(made.Count + 1), $"order-{made.Count}", time);
                    made.Add(shot);
                    // Another character's shot in the same tick is never on this one's pages.
                    Shot other = Shot.Create(cast.Biden.Id, biden.Id, biden.Provider, ShotRunnerTests.Request(made.Count), $"other-{made.Count}", time);
                    others.Add(other);
                    db.Shots.AddRange(shot, other);
                }
            }

            await db.SaveChangesAsync();
        }

        // A shot saved again as the runner saves one (a detached shot updated whole) keeps its place.
        Shot again = made[25];
        again.Fail("saved again", null, new ManualTime(Noon.AddMinutes(5)));
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            db.Shots.Update(again);
            await db.SaveChangesAsync();
        }

        Guid[] expected = [.. made.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Select(s => s.Id)];
        ShotRunner runner = cast.Workspace.Shots;
        ShotSummaries summaries = cast.Workspace.Services.GetRequiredService<ShotSummaries>();
        var full = new List<Guid>();
        var brief = new List<Guid>();
        int pages = 0;
        for (Guid? after = null; ; pages++)
        {
            ShotPage page = await runner.PageAsync(cast.Obama.Id, 7, after);
            ShotSummaryPage summary = await summaries.PageAsync(cast.Obama.Id, 7, after);
            full.AddRange(page.Shots.Select(s => s.Id));
            brief.AddRange(summary.Shots.Select(s => s.Id));
            Assert.Equal(page.Next, summary.Next);
            if (page.Next is not { } next)
            {
                break;
            }

            Assert.Equal(page.Shots[^1].Id, next);
            after = next;
        }

        // 60 shots at 7 a page: eight full pages, then four with no next page.
        Assert.Equal(8, pages);
        Assert.Equal(expected, full);
        Assert.Equal(expected, brief);
        Assert.Equal(expected, (await runner.ListAsync(cast.Obama.Id)).Select(s => s.Id));
        Assert.Equal(expected, (await summaries.ListAsync(cast.Obama.Id)).Select(s => s.Id));
        Assert.Equal(ShotStatus.Failed, (await runner.PageAsync(cast.Obama.Id, 60, null)).Shots.Single(s => s.Id == again.Id).Status);

        // A cursor must be one of the character's shots.
        InvalidInputException refused = await Assert.ThrowsAsync<InvalidInputException>(() => summaries.PageAsync(cast.Obama.Id, 7, others[0].Id));
        Assert.Equal("after", refused.Field);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task The_migration_gives_shots_made_before_it_their_ticks_from_the_stored_time(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IdentityModel obama = await cast.IdentityAsync(cast.Obama, "sim-instant");
        // Whole seconds, a tenth, all seven digits of a tick, and a time before 2000.
        DateTimeOffset[] times = [Noon, Noon.AddTicks(1_000_000), Noon.AddTicks(1_234_567), new(1999, 12, 31, 23, 59, 59, TimeSpan.Zero)];
        Shot[] made = [.. times.Select((t, i) => Shot.Create(cast.Obama.Id, obama.Id, obama.Provider, ShotRunnerTests.Request(i + 1), $"backfill-{i}", new ManualTime(t)))];
        await using LikenessDbContext db = cast.Workspace.OpenDb();
        db.Shots.AddRange(made);
        await db.SaveChangesAsync();
        Assert.Equal(made.ToDictionary(s => s.Id, s => s.CreatedAt.UtcTicks), await TicksAsync(db));

        // Back to before 0030: no ticks, the index on the character alone, and the migration not run.
        await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_Shots_CharacterId_CreatedTicks_Id\"");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Shots\" DROP COLUMN \"CreatedTicks\"");
        await db.Database.ExecuteSqlRawAsync("CREATE INDEX \"IX_Shots_CharacterId\" ON \"Shots\" (\"CharacterId\")");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM likeness_migrations WHERE id = '0030_shot_order'");
        var expected = made.ToDictionary(s => s.Id, s => s.CreatedAt.UtcTicks);
        if (kind == DatabaseKind.Sqlite)
        {
            // SQLite keeps a time as text with its offset: 14:00:00.25 at +02:00 is 12:00:00.25 UTC.
            await db.Database.ExecuteSqlAsync($"UPDATE \"Shots\" SET \"CreatedAt\" = '2026-11-21 14:00:00.25+02:00' WHERE \"Id\" = {made[0].Id}");
            expected[made[0].Id] = Noon.AddMilliseconds(250).UtcTicks;
        }
        else
        {
            // PostgreSQL keeps whole microseconds.
            expected = expected.ToDictionary(e => e.Key, e => e.Value - (e.Value % 10));
        }

        Assert.Equal(["0030_shot_order"], await SchemaMigrator.MigrateAsync(db));
        Assert.Equal(expected, await TicksAsync(db));
    }

    private static Task<Dictionary<Guid, long>> TicksAsync(LikenessDbContext db) =>
        db.Shots.Select(s => new { s.Id, Ticks = EF.Property<long>(s, ShotOrder.Ticks) }).ToDictionaryAsync(s => s.Id, s => s.Ticks);
}
