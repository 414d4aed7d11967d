namespace Likeness.Workspace.Demo;

/// <summary>One shot of the demo, as results.csv and results.json report it.</summary>
public sealed record DemoRow
{
    public required string Character { get; init; }

    public required string Provider { get; init; }

    public required string Scenario { get; init; }

    public required long Seed { get; init; }

    public required string Status { get; init; }

    public double? LatencyMs { get; init; }

    public required decimal CostUsd { get; init; }

    public bool? FaceDetected { get; init; }

    public double? FaceDistance { get; init; }

    public double? FaceDistanceMin { get; init; }

    /// <summary>The simulator's ground truth: "kept" or "drifted".</summary>
    public string? SimIdentity { get; init; }

    public required bool Cached { get; init; }

    public required bool Simulated { get; init; }

    public required string Prompt { get; init; }

    public required string ShotId { get; init; }

    /// <summary>Path of the image relative to the output folder.</summary>
    public string? Image { get; init; }

    /// <summary>Path of the thumbnail relative to the output folder.</summary>
    public string? Thumbnail { get; init; }

    public string? Error { get; init; }
}
