using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Core.Tests;

public sealed class ErrorKindTests
{
    [Fact]
    public void Every_kind_has_its_own_stable_kebab_case_code()
    {
        string[] codes = [.. Enum.GetValues<ErrorKind>().Select(ErrorCodes.Of)];
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(-[a-z]+)*$", c));
        // Published codes never change: clients and scripts key on them.
        Assert.Equal("not-found", new NotFoundException(EntityKind.Character, "Ada", "No character named 'Ada'.").Code);
        Assert.Equal("conflict", new ConflictException(EntityKind.TriggerToken, "ada", "taken").Code);
        Assert.Equal("rule-violated", new RuleViolationException("no").Code);
        Assert.Equal("invalid-input", new InvalidInputException("bad", "prompt").Code);
        Assert.Equal("insufficient-budget", new InsufficientBudgetException(2m, 1m, 5m, "over").Code);
    }

    [Theory]
    [InlineData(422, false, false, ErrorKind.ProviderRefused)]
    [InlineData(401, false, false, ErrorKind.ProviderRefused)]
    [InlineData(429, true, false, ErrorKind.ProviderFailed)]
    [InlineData(408, false, false, ErrorKind.ProviderFailed)]
    [InlineData(503, true, false, ErrorKind.ProviderFailed)]
    [InlineData(null, false, false, ErrorKind.ProviderFailed)]
    [InlineData(null, false, true, ErrorKind.OutcomeUnknown)]
    [InlineData(422, false, true, ErrorKind.OutcomeUnknown)]
    public void A_provider_error_is_refused_failed_or_of_unknown_outcome(int? status, bool retriable, bool outcomeUnknown, ErrorKind expected)
    {
        var error = new ProviderException("fal", "it said no", status, retriable: retriable, outcomeUnknown: outcomeUnknown);
        Assert.Equal(expected, error.Kind);
        Assert.IsAssignableFrom<LikenessException>(error);
    }

    [Fact]
    public void The_ledger_refuses_an_overdraft_with_the_amounts()
    {
        var ledger = new CostLedger(Guid.NewGuid(), 1m, []);
        InsufficientBudgetException over = Assert.Throws<InsufficientBudgetException>(() => ledger.Reserve(1.5m, null, "shot", TimeProvider.System));
        Assert.Equal((1.5m, 1m, 1m), (over.RequestedUsd, over.AvailableUsd, over.BudgetUsd));
        Assert.Equal(ErrorKind.InsufficientBudget, over.Kind);
    }
}
