using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Providers;
using Likeness.Server.Auth;
using Likeness.Server.Images;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Studies;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Studies.Reporting;
using Likeness.Workspace.Studies.Stored;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Studies;

/// <summary>
/// <c>/api/projects/{project}/studies</c>: artists start a study from a study file whose cast is the project's
/// characters (202 with its job, kind <c>study</c>, whose <c>resultIds</c> name the study); viewers list studies, read
/// one and fetch its files from the asset store. Everything is looked up within the route's project.
/// </summary>
internal static class StudyEndpoints
{
    // The report is one self-contained page: an inline style sheet, inline SVG charts and the pictures beside it
    // (images/…, served below). No script, no other origin, no form, no framing.
    private const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // The three outputs, each at its file name under the study, with its route name.
    private static readonly (string File, string RouteName)[] Outputs =
        [(StudyOutputs.CsvFile, "GetStudyResultsCsv"), (StudyOutputs.JsonFile, "GetStudyResultsJson"), (StudyOutputs.ReportFile, "GetStudyReport"), (StudyOutputs.VideoCsvFile, "GetStudyVideosCsv")];

    public static RouteGroupBuilder MapStudies(this RouteGroupBuilder projectRoutes)
    {
        RouteGroupBuilder group = projectRoutes.MapGroup("/studies").WithTags("Studies");
        group.MapGet("/", ListAsync).WithName("ListStudies");
        group.MapPost("/", StartAsync).WithName("StartStudy").RequireAuthorization(Policies.Artist)
            .Accepts<string>(StudyUpload.TextTypes[0], [.. StudyUpload.TextTypes[1..], "multipart/form-data"]);
        group.MapPost("/estimate", StudyEstimate.EstimateAsync).WithName("EstimateStudy").RequireAuthorization(Policies.Artist)
            .Accepts<string>(StudyUpload.TextTypes[0], [.. StudyUpload.TextTypes[1..], "multipart/form-data"]);
        group.MapGet("/{study:guid}", GetAsync).WithName("GetStudy");
        foreach (var (file, routeName) in Outputs)
        {
            group.MapGet($"/{{study:guid}}/{file}", (Guid project, Guid study, StudyBook studies, IAssetStore assets, HttpResponse response, CancellationToken cancellationToken) =>
                OutputAsync(project, study, file, studies, assets, response, cancellationToken))
                .WithName(routeName).Produces(StatusCodes.Status200OK, contentType: StudyFiles.ContentTypeOf(file).Split(';')[0]);
        }

        group.MapGet($"/{{study:guid}}/{StudyFiles.ImagesFolder}/{{name}}", ImageAsync).WithName("GetStudyImage");
        return projectRoutes;
    }

    private static async Task<Accepted<JobResponse>> StartAsync(
        Guid project, HttpRequest request, StudyBook studies, CharacterCatalog characters, ProviderRegistry providers, JobStarts starts,
        CancellationToken cancellationToken)
    {
        SentStudy sent = await SentStudy.ReadAsync(project, request, characters, providers, cancellationToken).ConfigureAwait(false);
        List<Guid> ids = [.. sent.Characters.Select(c => c.Id)];

        // Recorded for the caller, who pays for it (JobStarts: their role's open-job limit, a 429 with nothing queued over it).
        return await starts.StartAsync<StudyStepJob>(request.HttpContext, project, async (requester, maxOpen) =>
            (await studies.CreateAsync(project, sent.Study.Name, sent.Text, id => JobInputs.Write(new StudyJobInput(id, ids)), requester, maxOpen, cancellationToken).ConfigureAwait(false)).Job,
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Ok<StudyResponse[]>> ListAsync(Guid project, StudyBook studies, CancellationToken cancellationToken) =>
        TypedResults.Ok((await studies.ListAsync(project, cancellationToken).ConfigureAwait(false)).Select(StudyResponse.From).ToArray());

    private static async Task<Ok<StudyResponse>> GetAsync(Guid project, Guid study, StudyBook studies, CancellationToken cancellationToken) =>
        TypedResults.Ok(StudyResponse.From(await studies.GetAsync(project, study, cancellationToken).ConfigureAwait(false)));

    // Streamed from the asset store; the report with a policy that lets it do nothing but show itself and its pictures.
    private static async Task<FileStreamHttpResult> OutputAsync(
        Guid project, Guid study, string name, StudyBook studies, IAssetStore assets, HttpResponse response, CancellationToken cancellationToken)
    {
        string sha256 = await FileOfAsync(project, study, name, studies, cancellationToken).ConfigureAwait(false);
        Stream content = await assets.OpenReadAsync(sha256, cancellationToken).ConfigureAwait(false);
        response.Headers.XContentTypeOptions = "nosniff";
        if (name == StudyOutputs.ReportFile)
        {
            response.Headers.ContentSecurityPolicy = ReportPolicy;
        }

        return TypedResults.Stream(content, StudyFiles.ContentTypeOf(name), entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha256}\""));
    }

    // Only names the runner writes are looked up, and only in the study's own map: a name cannot reach anything else.
    private static async Task<PushStreamHttpResult> ImageAsync(
        Guid project, Guid study, string name, StudyBook studies, IAssetStore assets, HttpResponse response, CancellationToken cancellationToken)
    {
        string file = StudyFiles.IsImageName(name) ? $"{StudyFiles.ImagesFolder}/{name}" : throw new NotFoundException(EntityKind.File, name, $"No picture '{name}' in this study.");
        string sha256 = await FileOfAsync(project, study, file, studies, cancellationToken).ConfigureAwait(false);
        return await StoredImage.OpenAsync(assets, sha256, response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> FileOfAsync(Guid project, Guid study, string name, StudyBook studies, CancellationToken cancellationToken)
    {
        StudyRecord found = await studies.GetAsync(project, study, cancellationToken).ConfigureAwait(false);
        return found.Files.TryGetValue(name, out string? sha256)
            ? sha256
            : throw new NotFoundException(EntityKind.File, name, $"Study {study} has no {name} ({found.Status.ToString().ToLowerInvariant()}).");
    }
}
