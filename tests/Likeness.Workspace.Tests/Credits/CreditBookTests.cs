using Likeness.Core;
using Likeness.Core.Accounts;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Testing;
using Likeness.Core.Providers;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Alerts;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Credits;

/// <summary>A member's credits per period (reset by the clock, not by anyone), the role quotas, and the periods' starts.</summary>
public sealed class CreditBookTests
{
    [Fact]
    public async Task Credits_refuse_what_the_period_cannot_cover_and_start_afresh_when_the_next_period_begins()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        var time = new ManualTime(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero));
        using LikenessWorkspace ws = await LikenessWorkspace.OpenAsync(cast.Options, time: time);
        Guid member = await MemberAsync(ws, cast.Obama.ProjectId, "ada");
        CreditBook credits = ws.Services.GetRequiredService<CreditBook>();
        decimal price = ws.Shots.Estimate(identity, ShotRunnerTests.Request(1));
        await credits.SetAsync(cast.Obama.ProjectId, member, price * 2, CreditPeriod.Month, null);
        var payer = new Payer(member);

        await ws.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(1), payer: payer);
        await ws.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(2), payer: payer);
        InsufficientCreditsException refused = await Assert.ThrowsAsync<InsufficientCreditsException>(
            () => ws.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(3), payer: payer));
        Assert.Equal((price, 0m, price * 2), (refused.RequestedUsd, refused.AvailableUsd, refused.AllowanceUsd));
        MemberCredit spent = (await credits.GetAsync(cast.Obama.ProjectId, member))!;
        Assert.Equal((price * 2, 0m, 0m, 2), (spent.UsedUsd, spent.ReservedUsd, spent.RemainingUsd, spent.Generations));

        // An hour later it is February: the allowance is whole again, and nothing else was refunded or lost.
        time.Advance(TimeSpan.FromHours(1));
        MemberCredit fresh = (await credits.GetAsync(cast.Obama.ProjectId, member))!;
        Assert.Equal((0m, price * 2, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), 0), (fresh.UsedUsd, fresh.RemainingUsd, fresh.LastReset, fresh.Generations));
        Shot third = (await ws.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(3), payer: payer)).Shot;
        Assert.Equal(ShotStatus.Succeeded, third.Status);
        CostLedger ledger = await ws.Ledger.ReplayAsync(cast.Obama.ProjectId);
        Assert.Equal(0m, ledger.ReservedUsd);
    }

    [Fact]
    public async Task A_role_quota_of_generations_per_day_refuses_the_next_call_and_a_call_without_a_payer_is_held_only_by_the_budget()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        Guid member = await MemberAsync(cast.Workspace, cast.Obama.ProjectId, "bo");
        var payer = new Payer(member, GenerationsPerDay: 1, ConcurrentCalls: 4);

        await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(1), payer: payer);
        QuotaExceededException refused = await Assert.ThrowsAsync<QuotaExceededException>(
            () => cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(2), payer: payer));
        Assert.Equal(("generations-per-day", 1), (refused.Quota, refused.Limit));
        // The local owner (no payer) is not counted against anyone.
        Assert.Equal(ShotStatus.Succeeded, (await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(2))).Shot.Status);
        Assert.Equal(1, (await cast.Workspace.Services.GetRequiredService<CreditBook>().GetAsync(cast.Obama.ProjectId, member))!.Generations);
    }

    [Fact]
    public async Task A_changed_price_table_alerts_every_project_once_and_the_first_table_seen_alerts_none()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        AlertBook alerts = cast.Workspace.Services.GetRequiredService<AlertBook>();
        IReadOnlyList<ProviderDescriptor> prices = cast.Workspace.Services.GetRequiredService<ProviderRegistry>().Descriptors;
        ProviderDescriptor sim = prices.First(d => d.Prices.Prices.Count > 0);
        Price line = sim.Prices.Prices.First();
        ProviderDescriptor[] raised = [.. prices.Select(d => d == sim ? d with { Prices = d.Prices.With([line with { Usd = line.Usd + 0.01m }]) } : d)];

        Assert.Equal(0, await alerts.CheckPricesAsync(prices));
        Assert.Equal(0, await alerts.CheckPricesAsync(prices));
        Assert.Equal(1, await alerts.CheckPricesAsync(raised));
        Assert.Equal(0, await alerts.CheckPricesAsync(raised));
        Alert alert = Assert.Single(await alerts.ListAsync(cast.Obama.ProjectId, 10));
        Assert.Equal("prices", alert.Kind);
        Assert.Contains($"now {sim.Name} {line.App}", alert.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CreditPeriod.Day, "2026-03-05T00:00:00+00:00")]
    [InlineData(CreditPeriod.Week, "2026-03-02T00:00:00+00:00")]
    [InlineData(CreditPeriod.Month, "2026-03-01T00:00:00+00:00")]
    public void A_period_starts_at_midnight_utc_on_its_first_day(CreditPeriod period, string start) =>
        // 22:30 on Wednesday the 4th in New York is already Thursday the 5th in UTC.
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            CreditPeriods.StartOf(period, new DateTimeOffset(2026, 3, 4, 22, 30, 0, TimeSpan.FromHours(-5))));

    private static async Task<Guid> MemberAsync(LikenessWorkspace ws, Guid projectId, string name)
    {
        User user = await ws.Services.GetRequiredService<UserBook>().CreateAsync(name, null, false);
        await ws.Services.GetRequiredService<ProjectBook>().AddMemberAsync(projectId, ProjectRole.Owner, user.Id, ProjectRole.Artist);
        return user.Id;
    }
}
