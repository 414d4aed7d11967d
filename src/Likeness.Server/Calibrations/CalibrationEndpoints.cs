using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Gates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Calibrations;

/// <summary>
/// <c>GET /api/projects/{project}/characters/{character}/calibration</c>: the threshold the identity gate judges the
/// character's shots against now (the calibration in force at the default target FAR), for viewers, so that a shot no
/// gate judged can be read against it too. The character is looked up within the route's project.
/// </summary>
internal static class CalibrationEndpoints
{
    public static RouteGroupBuilder MapCalibrations(this RouteGroupBuilder project)
    {
        project.MapGet("/characters/{character}/calibration", GetAsync).WithTags("Characters").WithName("GetCharacterCalibration");
        return project;
    }

    // The gate's own path: the stored version when the references are unchanged, else a new version (as the next gated
    // shot would make). A character no engine can measure is a normal state of a new character, not an error: it is
    // answered with the reason and no calibration.
    private static async Task<Ok<CalibrationStateResponse>> GetAsync(
        Guid project, string character, CharacterCatalog characters, CalibrationBook calibrations, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        GateSubject subject;
        try
        {
            subject = await calibrations.SubjectAsync(c, cancellationToken).ConfigureAwait(false);
        }
        catch (RuleViolationException ex)
        {
            return TypedResults.Ok(new CalibrationStateResponse(null, ex.Message));
        }

        CharacterCalibration current = await calibrations.CurrentAsync(c, subject, CalibrationBook.DefaultTargetFalseAcceptRate, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CalibrationStateResponse(CalibrationResponse.From(current), null));
    }
}
