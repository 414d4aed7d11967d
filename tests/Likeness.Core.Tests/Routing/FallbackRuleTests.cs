using Likeness.Core.Providers;
using Likeness.Core.Routing;
using Likeness.Testing;

namespace Likeness.Core.Tests.Routing;

/// <summary>Only a definite refusal falls through to the next route entry; anything that may have been paid does not.</summary>
public sealed class FallbackRuleTests
{
    [Fact]
    public void An_open_circuit_a_5xx_or_429_before_acceptance_and_an_unreachable_provider_fall_through()
    {
        Assert.StartsWith("circuit open", FallbackRule.SkipReason(new ProviderUnavailableException("fal", "not sent"), submissionReached: false));
        Assert.Equal("HTTP 503 before acceptance", FallbackRule.SkipReason(new ProviderException("fal", "upload failed", status: 503, retriable: true), false));
        Assert.Equal("429 too many requests before acceptance", FallbackRule.SkipReason(new ProviderException("fal", "slow down", status: 429, retriable: true), false));
        Assert.StartsWith("unreachable", FallbackRule.SkipReason(new ProviderException("fal", "connection refused", retriable: true), false));
    }

    [Fact]
    public void A_submission_that_reached_the_provider_an_unknown_outcome_a_charge_or_a_client_error_never_falls_through()
    {
        Assert.Null(FallbackRule.SkipReason(new ProviderException("fal", "app failed", status: 503, retriable: true), submissionReached: true));
        Assert.Null(FallbackRule.SkipReason(new ProviderException("fal", "answer lost", status: 503, outcomeUnknown: true), false));
        Assert.Null(FallbackRule.SkipReason(new ProviderException("replicate", "cancelled", status: 500) { ChargedUsd = 0.01m }, false));
        Assert.Null(FallbackRule.SkipReason(new ProviderException("fal", "bad request", status: 422), false));
        Assert.Null(FallbackRule.SkipReason(new ProviderException("fal", "bad key", status: 401), false));
        Assert.Null(FallbackRule.SkipReason(new ProviderException("fal", "no answer in time"), false));
    }

    [Fact]
    public void A_route_checks_its_entries_and_policy()
    {
        var time = new ManualTime();
        RouteEntry fal = new("fal"), sim = new("sim-instant");
        Assert.Equal("via", Assert.Throws<InvalidInputException>(() => CharacterRoute.Create(Guid.NewGuid(), RoutePolicy.Fallback, [fal], false, time)).Field);
        Assert.Equal("via", Assert.Throws<InvalidInputException>(() => CharacterRoute.Create(Guid.NewGuid(), RoutePolicy.Fixed, [fal, fal], false, time)).Field);
        Assert.Equal("via", Assert.Throws<InvalidInputException>(() => CharacterRoute.Create(Guid.NewGuid(), RoutePolicy.Fixed, [], false, time)).Field);
        Assert.Equal("allow-train", Assert.Throws<InvalidInputException>(() => CharacterRoute.Create(Guid.NewGuid(), RoutePolicy.Fallback, [fal, sim], true, time)).Field);

        CharacterRoute route = CharacterRoute.Create(Guid.NewGuid(), RoutePolicy.Auto, [sim, fal], true, time);
        route.Propose("train at fal", time);
        time.Advance(TimeSpan.FromMinutes(1));
        route.Set(RoutePolicy.Fallback, [fal, sim], false, time);
        Assert.Equal([fal, sim], route.Entries);
        Assert.Null(route.Proposal);
        Assert.Equal(route.CreatedAt + TimeSpan.FromMinutes(1), route.UpdatedAt);
    }
}
