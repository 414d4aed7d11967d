using Likeness.Core.Identity;
using Likeness.Workspace.Identity.Validation;

namespace Likeness.Server.Identities;

/// <summary>An identity model as the API shows it (artifacts by name and kind; the weights are not served here).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">reference, trained or elements.</param>
/// <param name="Provider">Where it lives.</param>
/// <param name="Status">training, ready, failed or archived.</param>
/// <param name="Version">Its version at the provider for the character.</param>
/// <param name="ParentId">The version it was trained from.</param>
/// <param name="ReferenceIds">The references it was made from.</param>
/// <param name="TrainingParameters">The training parameters recorded.</param>
/// <param name="CostUsd">What it cost.</param>
/// <param name="FailureReason">Why it failed.</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="CompletedAt">When it finished.</param>
/// <param name="Validation">The post-training validation's report; null until validated.</param>
/// <param name="InUse">Whether it is the version in use at its provider (a person's choice, else the best validated, else the newest ready).</param>
/// <param name="ChosenAt">When a person last chose it as the version in use; null when never.</param>
public sealed record IdentityResponse(
    Guid Id, string Kind, string Provider, string Status, int Version, Guid? ParentId, IReadOnlyList<Guid> ReferenceIds,
    IReadOnlyDictionary<string, string> TrainingParameters, decimal CostUsd, string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    IdentityValidationResponse? Validation, bool InUse, DateTimeOffset? ChosenAt)
{
    internal static IdentityResponse From(IdentityModel m, bool inUse) => new(
        m.Id, m.Kind.ToString().ToLowerInvariant(), m.Provider, m.Status.ToString().ToLowerInvariant(), m.Version, m.ParentId, m.ReferenceIds,
        m.TrainingParameters, m.CostUsd, m.FailureReason, m.CreatedAt, m.CompletedAt, IdentityValidationResponse.From(m.Validation), inUse, m.ChosenAt);
}

/// <summary>What a post-training validation measured: a fixed set of gated shots made with the identity.</summary>
/// <param name="Outcome">validated or below-threshold.</param>
/// <param name="Passed">Shots the gate kept.</param>
/// <param name="Attempts">Shots judged.</param>
/// <param name="PassRate">Passed ÷ attempts.</param>
/// <param name="PassRateLow">Lower end of its 95 % Wilson interval.</param>
/// <param name="PassRateHigh">Upper end of its 95 % Wilson interval.</param>
/// <param name="MinPassRate">The pass rate a validated identity reaches.</param>
/// <param name="CostUsd">What the validation shots cost.</param>
/// <param name="CostPerKeptUsd">Cost ÷ kept shots; null when none was kept.</param>
/// <param name="Summary">The report in one line, as the CLI's <c>identity show</c> writes it.</param>
/// <param name="ValidatedAt">When it was judged.</param>
public sealed record IdentityValidationResponse(
    string Outcome, int Passed, int Attempts, double PassRate, double PassRateLow, double PassRateHigh, double MinPassRate, decimal CostUsd,
    decimal? CostPerKeptUsd, string Summary, DateTimeOffset ValidatedAt)
{
    internal static IdentityValidationResponse? From(IdentityValidation? v) => v is null ? null : new(
        IdentityValidationText.Outcome(v.Outcome), v.Passed, v.Attempts, v.PassRate, v.PassRateLow, v.PassRateHigh, v.MinPassRate, v.CostUsd,
        v.CostPerKeptUsd, IdentityValidationText.Summary(v), v.ValidatedAt);
}
