namespace Likeness.Core.Studies.Decisions;

/// <summary>
/// What a provider must show to be fit for production (the seeds' success criteria, configurable in the study file's
/// <c>success_criteria</c>): identity kept in more than <see cref="IdentityRate"/> of shots, fewer than
/// <see cref="SecondsPerShot"/> seconds a shot, less than <see cref="UsdPerImage"/> dollars an image.
/// </summary>
public sealed record SuccessCriteria
{
    /// <summary>Share of shots that must keep the identity (exclusive); 0.95 by default.</summary>
    public double IdentityRate { get; init; } = 0.95;

    /// <summary>Most seconds a shot may take (exclusive); 30 by default.</summary>
    public double SecondsPerShot { get; init; } = 30;

    /// <summary>Most dollars an image may cost (exclusive); 0.15 by default.</summary>
    public decimal UsdPerImage { get; init; } = 0.15m;

    /// <summary>Throws when a bound is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(IdentityRate, nameof(IdentityRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(IdentityRate, 1, nameof(IdentityRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SecondsPerShot, nameof(SecondsPerShot));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(UsdPerImage, nameof(UsdPerImage));
    }
}
