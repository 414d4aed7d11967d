using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Analysis;

/// <summary>One comparison of two providers on one metric, with raw and Holm-adjusted p-values.</summary>
public sealed record PairwiseTest
{
    /// <summary>"face_distance" or "identity_pass".</summary>
    public required string Metric { get; init; }

    /// <summary>First provider.</summary>
    public required string ProviderA { get; init; }

    /// <summary>Second provider.</summary>
    public required string ProviderB { get; init; }

    /// <summary>Values compared for A.</summary>
    public required int CountA { get; init; }

    /// <summary>Values compared for B.</summary>
    public required int CountB { get; init; }

    /// <summary>Mean of A.</summary>
    public double? MeanA { get; init; }

    /// <summary>Mean of B.</summary>
    public double? MeanB { get; init; }

    /// <summary>Welch's t-test; null when undefined (fewer than two values, no variance).</summary>
    public WelchResult? Welch { get; init; }

    /// <summary>Two-sided permutation p-value; null when a side is empty.</summary>
    public double? PermutationP { get; init; }

    /// <summary>Welch p after Holm's correction within the metric's family.</summary>
    public double? WelchPHolm { get; init; }

    /// <summary>Permutation p after Holm's correction within the metric's family.</summary>
    public double? PermutationPHolm { get; init; }
}
