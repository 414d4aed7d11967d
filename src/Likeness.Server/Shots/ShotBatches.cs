using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Shots;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Shots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Shots;

/// <summary>
/// <c>POST …/characters/{character}/shots/batches</c> (artists): a batch of shots as a background job, answered with
/// 202 and the job; and a reference set, the same job over the five standard views. The requests are checked and the
/// identity chosen now, so bad input is a 400 before anything is queued.
/// </summary>
internal static class ShotBatches
{
    public static async Task<Accepted<JobResponse>> StartAsync(
        Guid project, string character, ShotBatchRequest request, HttpContext context, CharacterCatalog characters, ShotPlanner planner, JobStarts starts,
        CancellationToken cancellationToken)
    {
        string provider = Require.Text(request.Provider, "provider", 100);
        int count = request.Count ?? 1;
        if (count is < 1 or > ShotBatchInput.MaxCount)
        {
            throw new InvalidInputException($"A batch makes 1 to {ShotBatchInput.MaxCount} shots (asked {count}).", "count");
        }

        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        Scenario? scenario = request.Scenario is { } name ? StandardScenarios.Get(name) : null;
        long seed = request.Seed ?? 42;
        planner.Request(c, null, provider, IdentityModelKind.Reference, request.Prompt, scenario, request.AspectRatio, seed).Validate();
        IdentityModel identity = await planner.IdentityForAsync(c, provider, cancellationToken).ConfigureAwait(false);
        ShotRequest first = planner.Request(c, identity, provider, identity.Kind, request.Prompt, scenario, request.AspectRatio, seed);
        ShotRequest[] requests = [.. Enumerable.Range(0, count).Select(i => first with { Seed = seed + i })];
        return await QueueAsync(context, project, JobKind.Shots, new ShotBatchInput(c.Id, identity.Id, requests, request.UseCache ?? true), starts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST …/characters/{character}/reference-sets</c> (artists): the five standard views (<see cref="ReferenceViews"/>)
    /// with the character's newest ready identity at the provider, as a batch job whose results are the shots in view order.
    /// </summary>
    public static async Task<Accepted<JobResponse>> StartReferenceSetAsync(
        Guid project, string character, ReferenceSetRequest request, HttpContext context, CharacterCatalog characters, ShotPlanner planner, JobStarts starts,
        CancellationToken cancellationToken)
    {
        string provider = Require.Text(request.Provider, "provider", 100);
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        IdentityModel identity = await planner.IdentityForAsync(c, provider, cancellationToken).ConfigureAwait(false);
        long seed = request.Seed ?? 42;
        ShotRequest[] requests = [.. ReferenceViews.All.Select(view => planner.Request(c, identity, provider, identity.Kind, null, view, null, seed))];
        return await QueueAsync(context, project, JobKind.ReferenceSet, new ShotBatchInput(c.Id, identity.Id, requests, request.UseCache ?? true), starts, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Accepted<JobResponse>> QueueAsync(
        HttpContext context, Guid project, JobKind kind, ShotBatchInput input, JobStarts starts, CancellationToken cancellationToken)
    {
        foreach (ShotRequest shot in input.Requests)
        {
            shot.Validate();
        }

        return await starts.StartAsync<ShotBatchStepJob>(context, project, kind, JobInputs.Write(input), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Make a character's reference set: the five standard views, in the background.</summary>
/// <param name="Provider">The provider whose newest ready identity of the character makes them (a trained one where the provider trains).</param>
/// <param name="Seed">The seed of every view (default 42).</param>
/// <param name="UseCache">Serve a view already made for the same request from the store (default true).</param>
public sealed record ReferenceSetRequest(string? Provider, long? Seed, bool? UseCache);
