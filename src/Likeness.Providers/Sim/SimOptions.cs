using Likeness.Core.Costs;

namespace Likeness.Providers.Sim;

/// <summary>Settings shared by the simulated providers.</summary>
public sealed record SimOptions
{
    /// <summary>Where the simulated "provider backend" keeps its training jobs (so a restart can resume them).</summary>
    public string StateDirectory { get; set; } = string.Empty;

    /// <summary>Probability that a call fails with a provider error (deterministic by seed).</summary>
    public double FailureRate { get; set; }

    /// <summary>Probability that a call times out (deterministic by seed).</summary>
    public double TimeoutRate { get; set; }

    /// <summary>Actually wait for the simulated latency (off by default so demos run fast; latency is still recorded).</summary>
    public bool RealTimeLatency { get; set; }

    /// <summary>How long a simulated training takes, in real time.</summary>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Probability that a simulated training fails.</summary>
    public double TrainingFailureRate { get; set; }

    /// <summary>JPEG quality of the images it returns.</summary>
    public int JpegQuality { get; set; } = 90;

    /// <summary>The user's price overrides: the sim charges what the (overridden) price table says.</summary>
    public PriceOverrides Prices { get; set; } = PriceOverrides.None;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(StateDirectory);
        foreach (var (name, value) in new[] { (nameof(FailureRate), FailureRate), (nameof(TimeoutRate), TimeoutRate), (nameof(TrainingFailureRate), TrainingFailureRate) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(name, value, "A rate must be between 0 and 1.");
            }
        }
    }
}
