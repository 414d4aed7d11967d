namespace Likeness.Providers.Http;

/// <summary>
/// A provider's published request rate: at most <see cref="Permits"/> requests started in any
/// <see cref="Window"/>, and after a 429 no request at all for <see cref="LockoutAfter429"/> (Stability: 150 per
/// 10 s, then a 60 s timeout). Every attempt counts, retries included.
/// </summary>
public sealed record RequestRateLimit
{
    /// <summary>Requests allowed to start in one window.</summary>
    public int Permits { get; init; } = 150;

    /// <summary>The sliding window the permits are counted over.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the provider refuses everything after it answered 429 (zero when it does not).</summary>
    public TimeSpan LockoutAfter429 { get; init; }

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Permits, 1, nameof(Permits));
        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "The rate window must be positive.");
        }

        if (LockoutAfter429 < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(LockoutAfter429), LockoutAfter429, "The lockout must not be negative.");
        }
    }
}
