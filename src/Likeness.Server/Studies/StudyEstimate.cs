using Likeness.Core.Characters;
using Likeness.Core.Costs;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Studies.Gating;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Studies.Definition;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Studies;

/// <summary>
/// <c>POST …/studies/estimate</c>: the most a study file would cost before it is started (the UI shows it before the
/// person confirms, as for every paid action). Nothing is made, reserved or called. It is an upper bound: a study runs
/// through the shot cache, so shots already made cost nothing, and a gated cell stops once it keeps enough shots.
/// </summary>
internal static class StudyEstimate
{
    public static async Task<Ok<StudyEstimateResponse>> EstimateAsync(
        Guid project, HttpRequest request, CharacterCatalog characters, ProviderRegistry providers, IdentityManager identities, LedgerBook ledger,
        CancellationToken cancellationToken)
    {
        SentStudy sent = await SentStudy.ReadAsync(project, request, characters, providers, cancellationToken).ConfigureAwait(false);
        StudyDefinition study = sent.Study;
        var entries = new List<StudyProviderEstimate>();
        foreach (StudyProviderPlan plan in sent.Plans)
        {
            // Per character × scenario cell: the variations, or a gate's attempts within its cap.
            int shotsPerCell = study.Gate?.MaxAttempts ?? study.Variations;
            decimal images = 0m;
            foreach (StudyScenario scenario in study.Scenarios)
            {
                (int width, int height) = scenario.SizeAt(study.Megapixels);
                decimal cell = plan.Descriptor.Prices.EstimateImages(plan.GenerationApp, width, height, shotsPerCell);
                images += CappedByGate(cell, study.Gate) * sent.Characters.Count;
            }

            decimal training = 0m;
            if (plan.Kind == IdentityModelKind.Trained)
            {
                decimal price = plan.Descriptor.Prices.EstimateTraining(plan.Descriptor.AppFor(ProviderCapabilities.Training));
                foreach (Character c in sent.Characters)
                {
                    // The study reuses the character's newest ready identity of this kind at this provider.
                    bool ready = (await identities.ListAsync(c.Id, cancellationToken).ConfigureAwait(false)).Any(m =>
                        m.Kind == plan.Kind && m.Status == IdentityModelStatus.Ready && m.Provider.Equals(plan.Descriptor.Name, StringComparison.OrdinalIgnoreCase));
                    training += ready ? 0m : price;
                }
            }

            entries.Add(new StudyProviderEstimate(
                plan.Entry.Label, plan.Kind == IdentityModelKind.Trained ? "trained" : "reference",
                shotsPerCell * study.Scenarios.Count * sent.Characters.Count, images, training, images + training));
        }

        decimal total = entries.Sum(e => e.TotalUsd);
        CostLedger read = await ledger.ReadAsync(project, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new StudyEstimateResponse(
            study.Name, [.. sent.Characters.Select(c => c.Name)], entries.Sum(e => e.Shots), entries, total, read.AvailableUsd, read.AvailableUsd is not { } left || left >= total));
    }

    // A gated cell spends at most its max_cost; with preview drafts the attempts' drafts and full shots are both paid,
    // so only the cap bounds it.
    private static decimal CappedByGate(decimal cell, StudyGate? gate) => gate is null ? cell
        : gate.Preview == GatePreview.None ? Math.Min(cell, gate.MaxCostUsd)
        : gate.MaxCostUsd;
}

/// <summary>The most a study would cost.</summary>
/// <param name="Name">The study's name.</param>
/// <param name="Characters">Its characters, in this project.</param>
/// <param name="Shots">The most shots it would make (every variation, or every gated attempt).</param>
/// <param name="Providers">Per provider entry, in the file's order.</param>
/// <param name="EstimateUsd">The most it would cost: every shot at its price, and a training for each character without a ready identity where the entry trains.</param>
/// <param name="AvailableUsd">What the budget has left; null without a budget.</param>
/// <param name="WithinBudget">Whether the budget covers the estimate now.</param>
public sealed record StudyEstimateResponse(
    string Name, IReadOnlyList<string> Characters, int Shots, IReadOnlyList<StudyProviderEstimate> Providers, decimal EstimateUsd, decimal? AvailableUsd, bool WithinBudget);

/// <summary>One provider entry's share of a study's estimate.</summary>
/// <param name="Provider">The entry's label.</param>
/// <param name="Approach">trained or reference.</param>
/// <param name="Shots">The most shots it would make.</param>
/// <param name="ImagesUsd">Those shots at the price table's price (a gated cell capped at its max_cost).</param>
/// <param name="TrainingUsd">Trainings for the characters without a ready identity there.</param>
/// <param name="TotalUsd">Both.</param>
public sealed record StudyProviderEstimate(string Provider, string Approach, int Shots, decimal ImagesUsd, decimal TrainingUsd, decimal TotalUsd);
