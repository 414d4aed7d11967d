using Likeness.Core.Characters;
using Likeness.Core.Pins;
using Likeness.Server.Auth;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Pins;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Pins;

/// <summary><c>/api/projects/{project}/characters/{character}/pins</c>: viewers list; artists pin (default choice or named references).</summary>
internal static class PinEndpoints
{
    public static RouteGroupBuilder MapPins(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters/{character}/pins").WithTags("Pins");
        group.MapGet("/", ListAsync).WithName("ListPins");
        group.MapPost("/", CreateAsync).WithName("CreatePin").RequireAuthorization(Policies.Artist);
        return project;
    }

    private static async Task<Ok<PinResponse[]>> ListAsync(Guid project, string character, CharacterCatalog characters, PinBook pins, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok((await pins.ListAsync(c.Id, cancellationToken).ConfigureAwait(false)).Select(PinResponse.From).ToArray());
    }

    private static async Task<Created<PinResponse>> CreateAsync(
        Guid project, string character, CreatePinRequest request, CharacterCatalog characters, PinBook pins, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        // References are named among this character's own; another's id is not found.
        Pin pin = await pins.CreateAsync(c, request.Frontal, request.References, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/projects/{project}/characters/{c.Id}/pins", PinResponse.From(pin));
    }
}

/// <summary>A pin: a character's frontal reference and up to three more, ready for video.</summary>
/// <param name="Id">Its id.</param>
/// <param name="FrontalReferenceId">The frontal reference.</param>
/// <param name="ReferenceIds">The others.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record PinResponse(Guid Id, Guid FrontalReferenceId, IReadOnlyList<Guid> ReferenceIds, DateTimeOffset CreatedAt)
{
    internal static PinResponse From(Pin p) => new(p.Id, p.FrontalReferenceId, p.ReferenceIds, p.CreatedAt);
}

/// <summary>Pin a character.</summary>
/// <param name="Frontal">The frontal reference (id, id prefix or file name); default: its frontal-role one.</param>
/// <param name="References">Up to three more; default: chosen by role variety.</param>
public sealed record CreatePinRequest(string? Frontal, IReadOnlyList<string>? References);
