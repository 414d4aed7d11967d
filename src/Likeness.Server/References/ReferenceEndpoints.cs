using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Server.Auth;
using Likeness.Server.Hosting;
using Likeness.Server.Images;
using Likeness.Server.References.Spooling;
using Likeness.Workspace;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.References;
using Likeness.Workspace.Shots;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Likeness.Server.References;

/// <summary>
/// <c>/api/projects/{project}/characters/{character}/references</c>: viewers list them and read their images; artists
/// upload (multipart/form-data, one or more files, the body limited to <see cref="ServerOptions.MaxUploadBytes"/>) and
/// set a reference's caption (what a training sends with it instead of the written one). The
/// reference checks run on the whole set: with an error nothing is stored and the answer is a 422 with the findings;
/// otherwise the files are stored and the findings (warnings) come with the new references.
/// </summary>
internal static class ReferenceEndpoints
{
    private const int MaxFromShots = 20;

    public static RouteGroupBuilder MapReferences(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters/{character}/references").WithTags("References");
        group.MapGet("/", ListAsync).WithName("ListReferences");
        group.MapGet("/{reference:guid}/image", ImageAsync).WithName("GetReferenceImage");
        group.MapPost("/", UploadAsync).WithName("UploadReferences").RequireAuthorization(Policies.Artist)
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        group.MapPost("/from-shots", FromShotsAsync).WithName("AddReferencesFromShots").RequireAuthorization(Policies.Artist);
        group.MapPut("/{reference:guid}/caption", CaptionAsync).WithName("SetReferenceCaption").RequireAuthorization(Policies.Artist);
        group.MapPut("/{reference:guid}/role", SetRoleAsync).WithName("SetReferenceRole").RequireAuthorization(Policies.Artist);
        return project;
    }

    // A person's correction of what the photo shows (frontal, profile...): the tag training captions and pins read.
    private static async Task<Ok<ReferenceResponse>> SetRoleAsync(
        Guid project, string character, Guid reference, SetReferenceRoleRequest request, CharacterCatalog characters, CancellationToken cancellationToken)
    {
        ReferenceRole role = RoleOf(Require.Text(request.Role, "role", 20));
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ReferenceResponse.From(await characters.SetReferenceRoleAsync(c.Id, reference, role, cancellationToken).ConfigureAwait(false)));
    }

    // A reference analysed before face boxes were kept gets its box the first time it is listed (ReferenceFaceBoxes).
    private static async Task<Ok<ReferenceResponse[]>> ListAsync(
        Guid project, string character, CharacterCatalog characters, ReferenceFaceBoxes faceBoxes, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ReferenceImage> references = await faceBoxes.FillAsync(await characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(references.Select(ReferenceResponse.From).ToArray());
    }

    // A reference of another character (or of a character of another project) is not found; null or blank text clears the caption.
    private static async Task<Ok<ReferenceResponse>> CaptionAsync(
        Guid project, string character, Guid reference, ReferenceCaptionRequest request, CharacterCatalog characters, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        ReferenceImage changed = await characters.SetCaptionAsync(c, reference.ToString(), request.Caption, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ReferenceResponse.From(changed));
    }

    // ?w=256: a thumbnail of about that width (ImageThumbnails), for cards and lists.
    private static async Task<Results<PushStreamHttpResult, FileContentHttpResult>> ImageAsync(
        Guid project, string character, Guid reference, int? w, CharacterCatalog characters, IAssetStore assets, ImageThumbnails thumbnails, HttpResponse response,
        CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        ReferenceImage found = (await characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Id == reference)
            ?? throw new NotFoundException(EntityKind.Reference, reference.ToString(), "No such reference of this character.");
        return await StoredImage.OpenAsync(assets, thumbnails, found.AssetSha256, w, response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Created<UploadResponse>, UnprocessableEntity<UploadResponse>>> UploadAsync(
        Guid project, string character, string? role, HttpContext context, CharacterCatalog characters, IOptions<ServerOptions> options,
        IOptions<WorkspaceOptions> workspace, CancellationToken cancellationToken)
    {
        // Before anything reads the body: Kestrel then refuses a longer one with 413 as it streams in.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        ReferenceRole parsedRole = RoleOf(role);
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        var spooled = new List<SpooledFile>();
        try
        {
            List<ReferenceCandidate> candidates = await ReadFilesAsync(
                context.Request, parsedRole, options.Value.MaxUploadBytes, SpooledFile.FolderUnder(workspace.Value.Home), spooled, cancellationToken).ConfigureAwait(false);
            return await AddAsync(project, c, candidates, characters, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also when the body was cut off (413) or the checks refused the set: the temporary files go with the request.
            foreach (SpooledFile file in spooled)
            {
                file.Dispose();
            }
        }
    }

    /// <summary>
    /// Generated shots' images taken as references (seed 003's "Set as Element Reference"), read from the asset store on
    /// the server and checked as an upload is, each keeping its provenance (shot, identity, prompt, seed). A shot of
    /// another character is not found; one that did not succeed (failed, moderated, or its images purged) is refused.
    /// </summary>
    private static async Task<Results<Created<UploadResponse>, UnprocessableEntity<UploadResponse>>> FromShotsAsync(
        Guid project, string character, ReferencesFromShotsRequest request, CharacterCatalog characters, ShotRunner shots, IAssetStore assets,
        CancellationToken cancellationToken)
    {
        if (request.Shots is not { Count: > 0 and <= MaxFromShots } wanted)
        {
            throw new InvalidInputException($"Name 1 to {MaxFromShots} shots.", "shots");
        }

        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        var candidates = new List<ReferenceCandidate>();
        foreach (ShotImageRequest item in wanted)
        {
            Guid id = item.Shot ?? throw new InvalidInputException("Each item names its 'shot'.", "shots");
            Shot shot = await shots.GetAsync(c.Id, id, cancellationToken).ConfigureAwait(false);
            int index = item.Index ?? 0;
            if (shot.Status != ShotStatus.Succeeded || index < 0 || index >= shot.Assets.Count)
            {
                throw new RuleViolationException($"Shot {id} has no image {index} to take as a reference (it is {shot.Status.ToString().ToLowerInvariant()} with {shot.Assets.Count} image(s)).");
            }

            byte[] bytes = await assets.ReadAllBytesAsync(shot.Assets[index], cancellationToken).ConfigureAwait(false);
            string view = shot.Request.Scenario ?? "shot";
            string extension = FormatSniffer.Detect(bytes) switch { ImageFormat.Png => "png", ImageFormat.WebP => "webp", _ => "jpg" };
            candidates.Add(new ReferenceCandidate($"{view}-{id.ToString()[..8]}{(index > 0 ? $"-{index}" : string.Empty)}.{extension}", bytes, item.Role is null ? ViewRole(view) : RoleOf(item.Role))
            {
                Provenance = new ReferenceProvenance(shot.Id, index, shot.IdentityModelId, shot.Provider, shot.Request.Prompt, shot.Request.Scenario, shot.Request.Seed),
            });
        }

        return await AddAsync(project, c, candidates, characters, cancellationToken).ConfigureAwait(false);
    }

    // The checks judge the whole set: with an error nothing is stored and the answer is a 422 with the findings.
    private static async Task<Results<Created<UploadResponse>, UnprocessableEntity<UploadResponse>>> AddAsync(
        Guid project, Character c, List<ReferenceCandidate> candidates, CharacterCatalog characters, CancellationToken cancellationToken)
    {
        var (report, added) = await characters.AddReferencesAsync(c, candidates, cancellationToken).ConfigureAwait(false);
        var response = new UploadResponse([.. added.Select(ReferenceResponse.From)], [.. report.Findings.Select(FindingResponse.From)]);
        return report.Passed
            ? TypedResults.Created($"/api/projects/{project}/characters/{c.Id}/references", response)
            : TypedResults.UnprocessableEntity(response);
    }

    // A reference-set view (frontal, three-quarter, ...) is the role of the same name; any other shot is "other".
    private static ReferenceRole ViewRole(string view) =>
        ReferenceViews.All.Any(v => v.Name == view) ? RoleOf(view) : ReferenceRole.Other;

    // Each file section streams to a temporary file as it arrives (SpooledFile, added to spooled for the caller to
    // dispose); the checks then read it mapped, so no file part is held on the heap, only the pixels the checks decode.
    private static async Task<List<ReferenceCandidate>> ReadFilesAsync(
        HttpRequest request, ReferenceRole role, long maxBytes, string folder, List<SpooledFile> spooled, CancellationToken cancellationToken)
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
            SpooledFile file = await SpooledFile.WriteAsync(section.Body, folder, cancellationToken).ConfigureAwait(false);
            spooled.Add(file);
            candidates.Add(new ReferenceCandidate(fileName.Length > 0 ? fileName : $"upload-{candidates.Count + 1}", file.Bytes, role));
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
/// <param name="Provenance">The generated shot it was taken from (identity, prompt, seed); null for an uploaded photo.</param>
/// <param name="Caption">The caption the user wrote for it, which a training sends instead of the written one; null when none.</param>
/// <param name="Face">The face detector's box of the largest face, in the upright image's pixels; null without one.</param>
public sealed record ReferenceResponse(
    Guid Id, string FileName, string Format, int Width, int Height, long SizeBytes, string Role, DateTimeOffset AddedAt, ReferenceProvenance? Provenance,
    string? Caption, ReferenceFaceResponse? Face)
{
    internal static ReferenceResponse From(ReferenceImage r) => new(
        r.Id, r.FileName, r.Format, r.Width, r.Height, r.SizeBytes, r.Role.ToString(), r.AddedAt, r.Provenance, r.Caption,
        r.Analysis is { Face: { } box } a ? new ReferenceFaceResponse(box.X, box.Y, box.Width, box.Height, a.FaceScore, a.FacesFound) : null);
}

/// <summary>A reference's caption, written by the user.</summary>
/// <param name="Caption">One line, at most 1 000 characters; start it with the character's trigger and describe what varies. Null or blank removes it.</param>
public sealed record ReferenceCaptionRequest(string? Caption);

/// <summary>Where the face detector found the largest face of a reference.</summary>
/// <param name="X">Left edge, in pixels of the upright image.</param>
/// <param name="Y">Top edge, in pixels.</param>
/// <param name="Width">Width, in pixels.</param>
/// <param name="Height">Height, in pixels.</param>
/// <param name="Score">The detector's score.</param>
/// <param name="FacesFound">How many faces it found in the photo.</param>
public sealed record ReferenceFaceResponse(double X, double Y, double Width, double Height, double Score, int FacesFound);

/// <summary>Tag a reference with what it shows.</summary>
/// <param name="Role">frontal, three-quarter, profile, full-body, close-up or other.</param>
public sealed record SetReferenceRoleRequest(string? Role);

/// <summary>Take generated shots' images as references.</summary>
/// <param name="Shots">1 to 20 images, each a shot of this character (and which of its images).</param>
public sealed record ReferencesFromShotsRequest(IReadOnlyList<ShotImageRequest>? Shots);

/// <summary>One shot's image to take as a reference.</summary>
/// <param name="Shot">The shot's id.</param>
/// <param name="Index">Which image (default 0).</param>
/// <param name="Role">frontal, three-quarter, profile, full-body, close-up or other; default: the reference view the shot was made as, else other.</param>
public sealed record ShotImageRequest(Guid? Shot, int? Index, string? Role);

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
