using Likeness.Core.Characters;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Shots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Costs;

/// <summary>
/// <c>POST …/costs/estimate</c>: a dry run of a generate request: what it would cost and whether the budget covers it.
/// Nothing is made, reserved or called.
/// </summary>
internal static class CostEstimate
{
    private const int MaxCount = 100;

    public static async Task<Ok<EstimateResponse>> EstimateAsync(
        Guid project, EstimateRequest request, CharacterCatalog characters, ShotPlanner planner, LedgerBook ledger, CancellationToken cancellationToken)
    {
        string provider = Require.Text(request.Provider, "provider", 100);
        int count = request.Count ?? 1;
        if (count is < 1 or > MaxCount)
        {
            throw new Core.InvalidInputException($"'count' is between 1 and {MaxCount}.", "count");
        }

        Character c = await characters.GetAsync(project, Require.Text(request.Character, "character"), cancellationToken).ConfigureAwait(false);
        IdentityModelKind kind = await planner.KindForAsync(c, provider, cancellationToken).ConfigureAwait(false);
        ShotRequest one;
        decimal estimate;
        if (request.ReferenceSet == true)
        {
            // The five standard views, each at its own shape (POST …/reference-sets makes the same requests).
            ShotRequest[] views = [.. ReferenceViews.All.Select(view => planner.Request(c, null, provider, kind, null, view, null, 42))];
            (one, count, estimate) = (views[0], views.Length, views.Sum(v => planner.Estimate(provider, kind, v)));
        }
        else
        {
            Scenario? scenario = request.Scenario is { } name ? StandardScenarios.Get(name) : null;
            one = planner.Request(c, null, provider, kind, request.Prompt, scenario, request.AspectRatio, 42);
            estimate = planner.Estimate(provider, kind, one with { Count = 1 }) * count;
        }

        CostLedger read = await ledger.ReadAsync(project, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new EstimateResponse(
            provider, kind.ToString().ToLowerInvariant(), one.Width, one.Height, count, estimate, read.AvailableUsd, read.AvailableUsd is not { } left || left >= estimate));
    }
}

/// <summary>A generate request to price.</summary>
/// <param name="Character">The character (id or name, in this project).</param>
/// <param name="Provider">The provider.</param>
/// <param name="Prompt">The scene (or <paramref name="Scenario"/>).</param>
/// <param name="Scenario">A standard scenario by name.</param>
/// <param name="AspectRatio">e.g. 16:9.</param>
/// <param name="Count">How many shots (1 to 100).</param>
/// <param name="ReferenceSet">Price a reference set instead (the five standard views, <c>POST …/reference-sets</c>); prompt, scenario, shape and count are then ignored.</param>
public sealed record EstimateRequest(string? Character, string? Provider, string? Prompt, string? Scenario, string? AspectRatio, int? Count, bool? ReferenceSet = null);

/// <summary>What a generate request would cost.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="IdentityKind">The kind of identity it would use (reference or trained).</param>
/// <param name="Width">Image width.</param>
/// <param name="Height">Image height.</param>
/// <param name="Count">Shots.</param>
/// <param name="EstimateUsd">The estimate for all of them.</param>
/// <param name="AvailableUsd">What the budget has left; null without a budget.</param>
/// <param name="WithinBudget">Whether the budget covers the estimate now.</param>
public sealed record EstimateResponse(string Provider, string IdentityKind, int Width, int Height, int Count, decimal EstimateUsd, decimal? AvailableUsd, bool WithinBudget);
