using System.Net.ServerSentEvents;
using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Providers;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Server.Jobs.Training;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Jobs.Api;

/// <summary>
/// The background job routes under <c>/api/projects/{project}</c>: start a training (202 with the job and its
/// Location), read a job, follow it as Server-Sent Events, cancel it.
/// </summary>
internal static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder project = app.MapGroup("/api/projects/{project}").WithTags("Jobs");
        project.MapPost("/identities", StartTrainingAsync).WithName("StartTraining");
        project.MapGet("/jobs/{id:guid}", GetAsync).WithName("GetJob");
        project.MapGet("/jobs/{id:guid}/events", EventsAsync).WithName("FollowJob");
        project.MapDelete("/jobs/{id:guid}", CancelAsync).WithName("CancelJob");
        return app;
    }

    private static async Task<Accepted<JobResponse>> StartTrainingAsync(
        string project, TrainingJobRequest request, ProjectRoute projects, CharacterCatalog characters, ProviderRegistry providers,
        JobBook jobs, JobQueue queue, CancellationToken cancellationToken)
    {
        Guid projectId = await projects.ResolveAsync(project, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(request.Character))
        {
            throw new InvalidInputException("Name the character to train.", "character");
        }

        if (request.Kind is { } kind && kind is not ("trained" or "reference"))
        {
            throw new InvalidInputException($"An identity is trained or reference, not {kind}.", "kind");
        }

        Character character = await InProjectAsync(characters, projectId, request.Character, cancellationToken).ConfigureAwait(false);
        string provider = providers.Describe(request.Provider).Name;
        JobRecord job = await jobs.CreateAsync(projectId, JobKind.Training, JobInputs.Write(new TrainingJobInput(character.Id, provider, request.Kind)), cancellationToken).ConfigureAwait(false);
        await queue.EnqueueAsync<TrainingStepJob>(job, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/projects/{project}/jobs/{job.Id}", JobResponse.From(job));
    }

    private static async Task<Ok<JobResponse>> GetAsync(string project, Guid id, ProjectRoute projects, JobBook jobs, CancellationToken cancellationToken)
    {
        Guid projectId = await projects.ResolveAsync(project, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(JobResponse.From(await jobs.GetAsync(projectId, id, cancellationToken).ConfigureAwait(false)));
    }

    // The job is looked up before the stream starts, so an unknown one is a 404 problem, not an empty stream.
    private static async Task<ServerSentEventsResult<JobResponse>> EventsAsync(
        string project, Guid id, HttpRequest request, ProjectRoute projects, JobBook jobs, IOptions<JobsOptions> options, CancellationToken cancellationToken)
    {
        Guid projectId = await projects.ResolveAsync(project, cancellationToken).ConfigureAwait(false);
        JobRecord first = await jobs.GetAsync(projectId, id, cancellationToken).ConfigureAwait(false);
        int seen = int.TryParse(request.Headers["Last-Event-ID"], out int last) ? last : 0;
        return TypedResults.ServerSentEvents(JobEvents.StreamAsync(jobs, first, seen, options.Value.StreamRefresh, cancellationToken));
    }

    private static async Task<Accepted<JobResponse>> CancelAsync(
        string project, Guid id, ProjectRoute projects, JobBook jobs, JobQueue queue, CancellationToken cancellationToken)
    {
        Guid projectId = await projects.ResolveAsync(project, cancellationToken).ConfigureAwait(false);
        _ = await jobs.GetAsync(projectId, id, cancellationToken).ConfigureAwait(false);
        JobRecord job = await jobs.UpdateAsync(id, j => j.CancelRequested = true, cancellationToken).ConfigureAwait(false);
        if (!job.IsFinal)
        {
            // The next step cancels at the provider; run it now rather than at the next poll.
            await queue.NudgeAsync(job, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Accepted($"/api/projects/{project}/jobs/{job.Id}", JobResponse.From(job));
    }

    /// <summary>The character, when it belongs to the project; one of another project is not found.</summary>
    private static async Task<Character> InProjectAsync(CharacterCatalog characters, Guid projectId, string idOrName, CancellationToken cancellationToken)
    {
        Character character = await characters.GetAsync(idOrName, cancellationToken).ConfigureAwait(false);
        return character.ProjectId == projectId
            ? character
            : throw new NotFoundException(EntityKind.Character, idOrName, $"No character {idOrName} in this project.");
    }
}
