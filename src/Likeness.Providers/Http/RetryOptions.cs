namespace Likeness.Providers.Http;

/// <summary>
/// How a provider client retries: exponential backoff with jitter, as fal's official clients do it
/// (fal-js: base 1 s, ×2, cap 30 s, ±25 %), honouring <c>Retry-After</c> up to <see cref="MaxDelay"/>.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt (0 disables retrying).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Delay before the first retry; each later one doubles it.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two attempts, <c>Retry-After</c> included.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Random spread of each delay, as a fraction (0.25 = ±25 %), so many clients do not retry in step.</summary>
    public double Jitter { get; set; } = 0.25;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        if (MaxRetries is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "Retries must be 0 to 100.");
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialDelay), InitialDelay, "Retry delays must be non-negative and the initial one no larger than the maximum.");
        }

        if (Jitter is < 0 or >= 1 || double.IsNaN(Jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "Jitter must be in [0, 1).");
        }
    }
}
