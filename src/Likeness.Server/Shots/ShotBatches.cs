using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Server.Jobs.Shots;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Shots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Shots;

/// <summary>
/// <c>POST …/characters/{character}/shots/batches</c> (artists): a batch of shots as a background job, answered with
/// 202 and the job. The request is checked and the identity chosen now, so bad input is a 400 before anything is queued.
/// </summary>
internal static class ShotBatches
{
    public static async Task<Accepted<JobResponse>> StartAsync(
        Guid project, string character, ShotBatchRequest request, CharacterCatalog characters, ShotPlanner planner, JobBook jobs, JobQueue queue,
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
        var input = new ShotBatchInput(c.Id, identity.Id, first, count, request.UseCache ?? true);
        JobRecord job = await jobs.CreateAsync(project, JobKind.Shots, JobInputs.Write(input), cancellationToken).ConfigureAwait(false);
        await queue.EnqueueAsync<ShotBatchStepJob>(job, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted(JobEndpoints.Location(project, job), JobResponse.From(job));
    }
}
