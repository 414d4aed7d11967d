using System.Globalization;
using Likeness.Core.Identity;

namespace Likeness.Workspace.Identity.Validation;

/// <summary>A validation report in one line, as the CLI and the server's job messages show it.</summary>
public static class IdentityValidationText
{
    /// <summary>"validated: 14/15 kept (93 %, 95 % CI 70–99 %) ≥ 90 %, $0.5250, calibration v1".</summary>
    public static string Summary(IdentityValidation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        string outcome = Outcome(v.Outcome);
        return string.Create(CultureInfo.InvariantCulture,
            $"{outcome}: {v.Passed}/{v.Attempts} kept ({v.PassRate:P0}, 95 % CI {v.PassRateLow:P0}–{v.PassRateHigh:P0}) against {v.MinPassRate:P0}, ${v.CostUsd:0.0000}, calibration v{v.CalibrationVersion} (threshold {v.Threshold:0.000}){(v.Note is { } n ? $"; {n}" : "")}");
    }

    /// <summary>The outcome as the CLI and the API write it: validated or below-threshold.</summary>
    public static string Outcome(IdentityValidationOutcome outcome) => outcome == IdentityValidationOutcome.Validated ? "validated" : "below-threshold";
}
