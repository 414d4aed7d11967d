using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Server.Auth;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Server.Jobs.Training;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Identity.Retraining;
using Likeness.Workspace.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Jobs.Api;

/// <summary>
/// The background job routes in the project group <c>/api/projects/{project}</c> (whose viewer policy they inherit):
/// artists start a training (202 with the job and its Location) and cancel a job; viewers read a job and follow it as
/// Server-Sent Events. Everything is looked up within the route's project, so another project's job or character is a 404.
/// </summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder project)
    {
        project.MapPost("/identities", StartTrainingAsync).WithTags("Jobs").WithName("StartTraining").RequireAuthorization(Policies.Artist);
        RouteGroupBuilder group = project.MapGroup("/jobs/{job:guid}").WithTags("Jobs");
        group.MapGet("/", GetAsync).WithName("GetJob");
        group.MapGet("/events", EventsAsync).WithName("FollowJob");
        group.MapDelete("/", CancelAsync).WithName("CancelJob").RequireAuthorization(Policies.Artist);
        return project;
    }

    private static async Task<Accepted<JobResponse>> StartTrainingAsync(
        Guid project, TrainingJobRequest request, HttpContext context, CharacterCatalog characters, ProviderRegistry providers,
        JobStarts starts, LedgerBook ledger, SteppedRetrain retrains, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Character))
        {
            throw new InvalidInputException("Name the character to train.", "character");
        }

        if (request.Kind is { } kind && kind is not ("trained" or "reference"))
        {
            throw new InvalidInputException($"An identity is trained or reference, not {kind}.", "kind");
        }

        Character character = await characters.GetAsync(project, request.Character, cancellationToken).ConfigureAwait(false);
        ProviderDescriptor descriptor = providers.Describe(request.Provider);

        // Parameters the trainer does not take, or takes only in another range, are a 400 before the job (and any money) starts.
        TrainingParameters parameters = request.Parameters;
        if (!parameters.IsEmpty && (request.Kind == "reference" || !descriptor.Capabilities.HasFlag(ProviderCapabilities.Training)))
        {
            throw new InvalidInputException($"{descriptor.DisplayName} makes a reference identity here, which takes no training parameters.", "steps");
        }

        parameters.Validate(descriptor);
        if (request.MinPassRate is { } rate && (double.IsNaN(rate) || rate <= 0 || rate > 1))
        {
            throw new InvalidInputException($"The minimum pass rate is above 0 and at most 1 (got {rate}).", "minPassRate");
        }

        // A retrain budget is checked, and its cap set, before the job: the job admits each attempt against that cap.
        Guid? cap = null;
        if (request.RetrainBudgetUsd is not null || request.MaxAttempts is not null)
        {
            decimal budget = await RetrainBudgetAsync(project, request, descriptor, ledger, cancellationToken).ConfigureAwait(false);
            cap = (await retrains.OpenAsync(
                project, new RetrainPolicy { BudgetUsd = budget, MaxAttempts = request.MaxAttempts ?? RetrainPolicy.DefaultMaxAttempts }, cancellationToken).ConfigureAwait(false)).Id;
        }

        return await starts.StartAsync<TrainingStepJob>(
            context, project, JobKind.Training,
            JobInputs.Write(new TrainingJobInput(
                character.Id, descriptor.Name, request.Kind, request.Steps, request.Rank, request.LearningRate, request.RetrainBudgetUsd, request.MaxAttempts, cap, request.MinPassRate)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The retrain budget asked for, when the job can retrain (a training at a trainer), it is positive and within the
    /// project's budget, and the most attempts are 1 to <see cref="RetrainPolicy.MostAttempts"/>; a 400 naming the field otherwise.
    /// </summary>
    private static async Task<decimal> RetrainBudgetAsync(
        Guid project, TrainingJobRequest request, ProviderDescriptor descriptor, LedgerBook ledger, CancellationToken cancellationToken)
    {
        if (request.RetrainBudgetUsd is not { } budget)
        {
            throw new InvalidInputException("'maxAttempts' limits a retrain: give it a 'retrainBudgetUsd' too.", "maxAttempts");
        }

        if (request.Kind == "reference" || !descriptor.Capabilities.HasFlag(ProviderCapabilities.Training))
        {
            throw new InvalidInputException($"{descriptor.DisplayName} makes a reference identity here, which is never retrained.", "retrainBudgetUsd");
        }

        if (budget <= 0)
        {
            throw new InvalidInputException($"A retrain budget must be positive (got {budget}).", "retrainBudgetUsd");
        }

        if ((await ledger.ReadAsync(project, cancellationToken).ConfigureAwait(false)).BudgetUsd is { } projectBudget && budget > projectBudget)
        {
            throw new InvalidInputException($"A retrain budget of ${budget:0.00} is more than the project's ${projectBudget:0.00} budget.", "retrainBudgetUsd");
        }

        if (request.MaxAttempts is < 1 or > RetrainPolicy.MostAttempts)
        {
            throw new InvalidInputException($"A retrain makes 1 to {RetrainPolicy.MostAttempts} attempts (got {request.MaxAttempts}).", "maxAttempts");
        }

        return budget;
    }

    private static async Task<Ok<JobResponse>> GetAsync(Guid project, Guid job, JobBook jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(JobResponse.From(await jobs.GetAsync(project, job, cancellationToken).ConfigureAwait(false)));

    // The job is looked up before the stream starts, so an unknown one is a 404 problem, not an empty stream.
    private static async Task<ServerSentEventsResult<JobResponse>> EventsAsync(
        Guid project, Guid job, HttpRequest request, JobBook jobs, IOptions<JobsOptions> options, CancellationToken cancellationToken)
    {
        JobRecord first = await jobs.GetAsync(project, job, cancellationToken).ConfigureAwait(false);
        int seen = int.TryParse(request.Headers["Last-Event-ID"], out int last) ? last : 0;
        return TypedResults.ServerSentEvents(JobEvents.StreamAsync(jobs, first, seen, options.Value.StreamRefresh, cancellationToken));
    }

    private static async Task<Accepted<JobResponse>> CancelAsync(Guid project, Guid job, JobBook jobs, JobQueue queue, CancellationToken cancellationToken)
    {
        _ = await jobs.GetAsync(project, job, cancellationToken).ConfigureAwait(false);
        JobRecord cancelled = await jobs.UpdateAsync(job, j => j.CancelRequested = true, cancellationToken).ConfigureAwait(false);
        if (!cancelled.IsFinal)
        {
            // The next step cancels at the provider; run it now rather than at the next poll.
            await queue.NudgeAsync(cancelled, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Accepted(Location(project, cancelled), JobResponse.From(cancelled));
    }

    internal static string Location(Guid project, JobRecord job) => $"/api/projects/{project}/jobs/{job.Id}";
}
