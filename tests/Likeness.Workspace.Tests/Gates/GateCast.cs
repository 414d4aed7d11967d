using Likeness.Core.Providers;
using Likeness.Providers.Sim;
using Likeness.Testing;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Persistence;

namespace Likeness.Workspace.Tests.Gates;

/// <summary>
/// The demo cast with the face engine, one sim profile of known fidelity at $0.01 a shot, and (optionally) the
/// face-api demo photos already in tests/data as the distractor set (20 faces of other people).
/// </summary>
internal static class GateCast
{
    public const decimal PricePerShot = 0.01m;

    public static string FaceApiPhotos => Path.Combine(RepoPaths.Root, "tests", "data", "faceapi", "inputs");

    public static SimProfile Profile(double fidelity, bool multiCharacter = false) => new()
    {
        Name = "sim-gate",
        DisplayName = "Simulated provider of known fidelity",
        Fidelity = fidelity,
        MedianLatencyMs = 5000,
        Capabilities = ProviderCapabilities.ReferenceGeneration | (multiCharacter ? ProviderCapabilities.MultiCharacter : ProviderCapabilities.None),
        PricePerImageUsd = PricePerShot,
    };

    /// <summary>A trainer of known fidelity at $0.01 a shot and $1 a training.</summary>
    public static SimProfile Trainer(string name, double fidelity) => new()
    {
        Name = name,
        DisplayName = "Simulated trainer of known fidelity",
        Fidelity = fidelity,
        MedianLatencyMs = 5000,
        Capabilities = ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration,
        PricePerImageUsd = PricePerShot,
        TrainingPriceUsd = 1m,
    };

    public static Task<CastWorkspace> CreateAsync(DatabaseKind kind, double fidelity, string? distractors, bool multiCharacter = false) =>
        CreateAsync(kind, [Profile(fidelity, multiCharacter)], distractors);

    public static Task<CastWorkspace> CreateAsync(DatabaseKind kind, IReadOnlyList<SimProfile> profiles, string? distractors, TimeProvider? time = null) =>
        CastWorkspace.CreateAsync(
            kind,
            faces: FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem),
            configure: o => o with { SimProfiles = [.. profiles], DistractorsPath = distractors ?? Path.Combine(o.Home, "no-distractors") },
            time: time);
}
