using System.Text.Json.Serialization;

namespace Likeness.Core.Identity;

/// <summary>
/// What a post-training validation measured: a fixed set of shots (the standard scenarios × a few seeds) made with
/// the identity and judged by the gate, the pass rate with its 95 % Wilson interval against the policy's minimum, and
/// what it cost. Stored on the identity model.
/// </summary>
public sealed record IdentityValidation
{
    /// <summary>Validated or below the threshold.</summary>
    public required IdentityValidationOutcome Outcome { get; init; }

    /// <summary>Shots judged (failed calls are not counted).</summary>
    public required int Attempts { get; init; }

    /// <summary>Shots the gate kept.</summary>
    public required int Passed { get; init; }

    /// <summary>Passed ÷ attempts (0 when none was judged).</summary>
    public double PassRate => Attempts > 0 ? (double)Passed / Attempts : 0;

    /// <summary>Lower end of the pass rate's 95 % Wilson interval.</summary>
    public required double PassRateLow { get; init; }

    /// <summary>Upper end of the pass rate's 95 % Wilson interval.</summary>
    public required double PassRateHigh { get; init; }

    /// <summary>The pass rate the policy asks for.</summary>
    public required double MinPassRate { get; init; }

    /// <summary>Passes by scenario name, and attempts by scenario name, for the report.</summary>
    public required IReadOnlyDictionary<string, int[]> ByScenario { get; init; }

    /// <summary>The calibration the gate judged with.</summary>
    public required Guid CalibrationId { get; init; }

    /// <summary>Its version.</summary>
    public required int CalibrationVersion { get; init; }

    /// <summary>Its threshold.</summary>
    public required double Threshold { get; init; }

    /// <summary>What the validation shots cost.</summary>
    public required decimal CostUsd { get; init; }

    /// <summary>Validation cost ÷ passed shots; null when none passed.</summary>
    public decimal? CostPerKeptUsd => Passed > 0 ? CostUsd / Passed : null;

    /// <summary>Why the set is short, when the cost cap stopped it; null when complete.</summary>
    public string? Note { get; init; }

    /// <summary>When it was judged.</summary>
    public required DateTimeOffset ValidatedAt { get; init; }
}

/// <summary>The verdict of a post-training validation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentityValidationOutcome>))]
public enum IdentityValidationOutcome
{
    /// <summary>The pass rate reached the policy's minimum.</summary>
    Validated,

    /// <summary>It did not (<c>below-threshold</c>).</summary>
    BelowThreshold,
}
