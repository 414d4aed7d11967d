using Likeness.Core.Providers;
using Likeness.Core.Studies.Decisions;
using Likeness.Providers.Sim;
using Likeness.Testing;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;

namespace Likeness.Workspace.Tests.Studies;

/// <summary>The report's recommendation follows the measured numbers: a sim profile's fidelity changes it.</summary>
public sealed class StudyDecisionTests
{
    [Fact]
    public async Task Raising_the_instant_profiles_fidelity_changes_the_recommendation_from_training_to_instant()
    {
        Recommendation low = await RecommendAsync(instantFidelity: 0.2);
        Recommendation high = await RecommendAsync(instantFidelity: 1.0);

        // At 20 % the instant profile costs more per kept shot than training does after a few dozen shots.
        Assert.Equal("sim-train", low.Primary);
        Assert.Equal(Recommendation.KeptShotsPerCharacter, low.Trigger);
        Assert.InRange(low.TriggerValue!.Value, 1, 2_400);

        // At 100 % it is cheaper per kept shot than training at every volume: instant first, switch on its pass rate.
        Assert.Equal(("sim-quick", "sim-train", Recommendation.PassRate), (high.Primary, high.Fallback, high.Trigger));
    }

    private static async Task<Recommendation> RecommendAsync(double instantFidelity)
    {
        SimProfile train = new()
        {
            Name = "sim-train",
            DisplayName = "Trained sim",
            Fidelity = 0.95,
            MedianLatencyMs = 4000,
            Capabilities = ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration,
            PricePerImageUsd = 0.02m,
            TrainingPriceUsd = 2m,
        };
        SimProfile quick = new()
        {
            Name = "sim-quick",
            DisplayName = "Instant sim",
            Fidelity = instantFidelity,
            MedianLatencyMs = 3000,
            Capabilities = ProviderCapabilities.ReferenceGeneration,
            PricePerImageUsd = 0.015m,
        };
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(
            DatabaseKind.Sqlite,
            faces: FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem),
            configure: o => o with { SimProfiles = [train, quick] });
        using var output = new TempFolder();
        StudyDefinition study = StudyFile.Parse(
            $"name: Decide\ncharacters: [\"{cast.Obama.Name}\"]\nproviders: [sim-train, sim-quick]\nscenarios: [close-up-portrait]\nvariations: 8\nmegapixels: 0.12\n",
            "decide.yaml",
            output.Path);
        StudyRunSummary run = await new StudyRunner(cast.Workspace).RunAsync(study, output.Path);
        Assert.True(run.Analysis.Calibration.Calibrated, run.Analysis.Calibration.Reason);
        string html = await File.ReadAllTextAsync(Path.Combine(output.Path, "report.html"));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(run.Analysis.Decisions.Recommendation.Text), html, StringComparison.Ordinal);
        return run.Analysis.Decisions.Recommendation;
    }
}
