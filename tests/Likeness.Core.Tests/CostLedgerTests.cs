using Likeness.Testing;
using Likeness.Core.Costs;

namespace Likeness.Core.Tests;

public sealed class CostLedgerTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public void Reserve_commit_and_refund_add_up()
    {
        var ledger = new CostLedger(Guid.NewGuid(), 10m, []);
        LedgerEntry a = ledger.Reserve(3m, null, "shot a", _time);
        LedgerEntry b = ledger.Reserve(4m, null, "shot b", _time);
        Assert.Equal(7m, ledger.ReservedUsd);
        Assert.Equal(3m, ledger.AvailableUsd);

        ledger.Commit(a.ReservationId, 2.5m, _time);
        ledger.Refund(b.ReservationId, _time);
        Assert.Equal(2.5m, ledger.CommittedUsd);
        Assert.Equal(0m, ledger.ReservedUsd);
        Assert.Equal(7.5m, ledger.AvailableUsd);
    }

    [Fact]
    public void A_reservation_over_the_budget_is_refused()
    {
        var ledger = new CostLedger(Guid.NewGuid(), 1m, []);
        ledger.Reserve(0.6m, null, "a", _time);
        var ex = Assert.Throws<InsufficientBudgetException>(() => ledger.Reserve(0.5m, null, "b", _time));
        Assert.Contains("$0.4000", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => ledger.Reserve(-1m, null, "c", _time));
    }

    [Fact]
    public void A_reservation_closes_exactly_once_and_replay_restores_the_state()
    {
        Guid project = Guid.NewGuid();
        var ledger = new CostLedger(project, null, []);
        var entries = new List<LedgerEntry>();
        LedgerEntry r = ledger.Reserve(1.25m, null, "x", _time);
        entries.Add(r);
        _time.Advance(TimeSpan.FromSeconds(1));
        entries.Add(ledger.Commit(r.ReservationId, 1.5m, _time));
        Assert.Contains("already closed", Assert.Throws<RuleViolationException>(() => ledger.Refund(r.ReservationId, _time)).Message, StringComparison.Ordinal);
        Assert.Throws<RuleViolationException>(() => ledger.Commit(Guid.NewGuid(), 1m, _time));

        var replayed = new CostLedger(project, null, entries);
        Assert.Equal(1.5m, replayed.CommittedUsd);
        Assert.Null(replayed.AvailableUsd);
        Assert.Throws<RuleViolationException>(() => replayed.Commit(r.ReservationId, 1m, _time));
    }

    [Fact]
    public void A_ledger_positioned_at_a_stored_balance_closes_a_reservation_without_the_other_entries()
    {
        Guid project = Guid.NewGuid();
        var full = new CostLedger(project, 10m, []);
        full.Reserve(2m, null, "elsewhere", _time);
        LedgerEntry r = full.Reserve(1m, null, "this one", _time);
        full.Commit(full.Reserve(0.5m, null, "done", _time).ReservationId, 0.25m, _time);

        // Only the reservation about to close is given; the totals carry everything else.
        var positioned = new CostLedger(project, 10m, full.CommittedUsd, full.ReservedUsd, [r]);
        Assert.Equal(full.AvailableUsd, positioned.AvailableUsd);
        positioned.Commit(r.ReservationId, 0.75m, _time);
        Assert.Equal(1m, positioned.CommittedUsd);
        Assert.Equal(2m, positioned.ReservedUsd);
        Assert.Throws<RuleViolationException>(() => positioned.Refund(r.ReservationId, _time));
        Assert.Throws<InsufficientBudgetException>(() => positioned.Reserve(7.5m, null, "too much", _time));
    }

    [Fact]
    public void Price_table_estimates_per_megapixel_image_video_and_training()
    {
        var prices = new PriceTable(
        [
            new Price("fal-ai/instant-character", PriceUnit.Megapixel, 0.10m, "fal"),
            new Price("img", PriceUnit.Image, 0.04m, "x"),
            new Price("kling", PriceUnit.VideoSecond, 0.112m, "fal"),
            new Price("train", PriceUnit.Training, 2m, "x"),
        ]);
        Assert.Equal(0.10m * 2 * 1024 * 1024 / 1_000_000m, prices.EstimateImages("fal-ai/instant-character", 1024, 1024, 2));
        Assert.Equal(0.12m, prices.EstimateImages("img", 512, 512, 3));
        Assert.Equal(0.56m, prices.EstimateVideo("kling", 5));
        Assert.Equal(2m, prices.EstimateTraining("train"));
        Assert.Throws<RuleViolationException>(() => prices.EstimateImages("unknown", 1, 1, 1));
        Assert.Throws<RuleViolationException>(() => prices.EstimateTraining("img"));
        PriceTable overridden = prices.With([new Price("img", PriceUnit.Image, 0.05m, "user")]);
        Assert.Equal(0.05m, overridden.EstimateImages("img", 1, 1, 1));
        Assert.Equal(4, overridden.Prices.Count);
    }
}
