using Likeness.Core.Studies;

namespace Likeness.Core.Tests.Studies;

/// <summary>Small builders for study shots and results.</summary>
internal static class StudyFixtures
{
    public static StudyShotResult Shot(string provider, string scenario, int variation, double? distance, double latencyMs = 1000, decimal cost = 0.04m) => new()
    {
        Character = "Ada",
        Provider = provider,
        Scenario = scenario,
        Variation = variation,
        Seed = 1000 + variation,
        Status = StudyStatuses.Succeeded,
        LatencyMs = latencyMs,
        CostUsd = cost,
        FaceDetected = distance is not null,
        FaceDistance = distance,
        FaceDistanceMin = distance - 0.05,
        Prompt = "a portrait",
    };

    public static StudyProviderFacts Facts(string provider, decimal price = 0.04m, string approach = "reference", decimal? training = null, double? trainingSeconds = null) => new()
    {
        Provider = provider,
        DisplayName = provider.ToUpperInvariant(),
        Approach = approach,
        PricePerImageUsd = price,
        TrainingCostUsd = training,
        TrainingSeconds = trainingSeconds,
    };
}
