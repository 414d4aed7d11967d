using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Server.Auth;
using Likeness.Server.Hosting;
using Likeness.Server.Images;
using Likeness.Workspace.Characters;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Likeness.Server.References;

/// <summary>
/// <c>/api/projects/{project}/characters/{character}/references</c>: viewers list them and read their images; artists
/// upload (multipart/form-data, one or more files, the body limited to <see cref="ServerOptions.MaxUploadBytes"/>). The
/// reference checks run on the whole set: with an error nothing is stored and the answer is a 422 with the findings;
/// otherwise the files are stored and the findings (warnings) come with the new references.
/// </summary>
internal static class ReferenceEndpoints
{
    public static RouteGroupBuilder MapReferences(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters/{character}/references").WithTags("References");
        group.MapGet("/", ListAsync).WithName("ListReferences");
        group.MapGet("/{reference:guid}/image", ImageAsync).WithName("GetReferenceImage");
        group.MapPost("/", UploadAsync).WithName("UploadReferences").RequireAuthorization(Policies.Artist)
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        return project;
    }

    private static async Task<Ok<ReferenceResponse[]>> ListAsync(Guid project, string character, CharacterCatalog characters, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok((await characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false)).Select(ReferenceResponse.From).ToArray());
    }

    private static async Task<PushStreamHttpResult> ImageAsync(
        Guid project, string character, Guid reference, CharacterCatalog characters, IAssetStore assets, HttpResponse response, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        ReferenceImage found = (await characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Id == reference)
            ?? throw new NotFoundException(EntityKind.Reference, reference.ToString(), "No such reference of this character.");
        return await StoredImage.OpenAsync(assets, found.AssetSha256, response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Created<UploadResponse>, UnprocessableEntity<UploadResponse>>> UploadAsync(
        Guid project, string character, string? role, HttpContext context, CharacterCatalog characters, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        // Before anything reads the body: Kestrel then refuses a longer one with 413 as it streams in.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        ReferenceRole parsedRole = RoleOf(role);
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        List<ReferenceCandidate> candidates = await ReadFilesAsync(context.Request, parsedRole, options.Value.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        var (report, added) = await characters.AddReferencesAsync(c, candidates, cancellationToken).ConfigureAwait(false);
        var response = new UploadResponse([.. added.Select(ReferenceResponse.From)], [.. report.Findings.Select(FindingResponse.From)]);
        return report.Passed
            ? TypedResults.Created($"/api/projects/{project}/characters/{c.Id}/references", response)
            : TypedResults.UnprocessableEntity(response);
    }

    // Each file section is read as it arrives; a file is whole in memory only while the checks decode it.
    private static async Task<List<ReferenceCandidate>> ReadFilesAsync(HttpRequest request, ReferenceRole role, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new InvalidInputException("Upload the photos as multipart/form-data, one file part each.", "file");
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBytes };
        var candidates = new List<ReferenceCandidate>();
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition) || !disposition.IsFileDisposition())
            {
                continue;
            }

            string fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty);
            using var bytes = new MemoryStream();
            await section.Body.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
            candidates.Add(new ReferenceCandidate(fileName.Length > 0 ? fileName : $"upload-{candidates.Count + 1}", bytes.ToArray(), role));
        }

        return candidates.Count > 0 ? candidates : throw new InvalidInputException("The upload has no file part.", "file");
    }

    private static ReferenceRole RoleOf(string? role) =>
        role is null ? ReferenceRole.Other
        : Enum.TryParse(role.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out ReferenceRole parsed) && Enum.IsDefined(parsed) && !int.TryParse(role, out _) ? parsed
        : throw new InvalidInputException("'role' is one of frontal, three-quarter, profile, full-body, close-up, other.", "role");
}

/// <summary>A reference photo as the API shows it; its bytes are at <c>…/references/{id}/image</c>.</summary>
/// <param name="Id">Its id.</param>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="Format">jpeg, png, …</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Role">What it shows.</param>
/// <param name="AddedAt">When it was added.</param>
public sealed record ReferenceResponse(Guid Id, string FileName, string Format, int Width, int Height, long SizeBytes, string Role, DateTimeOffset AddedAt)
{
    internal static ReferenceResponse From(ReferenceImage r) => new(r.Id, r.FileName, r.Format, r.Width, r.Height, r.SizeBytes, r.Role.ToString(), r.AddedAt);
}

/// <summary>What an upload stored, and what the reference checks found.</summary>
/// <param name="Added">The new references (none when a check found an error).</param>
/// <param name="Findings">Errors and warnings, per file or for the set.</param>
public sealed record UploadResponse(ReferenceResponse[] Added, FindingResponse[] Findings);

/// <summary>One finding of the reference checks.</summary>
/// <param name="Severity">error (nothing was stored) or warning.</param>
/// <param name="Code">A stable code.</param>
/// <param name="FileName">The file, or null for the whole set.</param>
/// <param name="Message">What to do about it.</param>
public sealed record FindingResponse(string Severity, string Code, string? FileName, string Message)
{
    internal static FindingResponse From(ReferenceFinding f) => new(f.Severity.ToString().ToLowerInvariant(), f.Code, f.FileName, f.Message);
}
