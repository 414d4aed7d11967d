using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;

namespace Likeness.Core.Tests.Studies;

public class StudyAnalyzerTests
{
    [Fact]
    public void Ranks_providers_and_finds_a_real_difference()
    {
        StudyAnalysis analysis = StudyAnalyzer.Analyze(Study());
        GroupStatistics good = analysis.ByProvider.Single(g => g.Provider == "good");
        GroupStatistics poor = analysis.ByProvider.Single(g => g.Provider == "poor");

        // 1 % of 100 impostors may pass, so τ is the closest impostor, 0.55. good: 18 of 20 shots (0.35..0.44) pass;
        // poor: the 8 shots at 0.45.
        Assert.Equal(0.55, analysis.Calibration.Threshold!.Value, 12);
        Assert.Equal(0.9, good.IdentityPass.Rate);
        Assert.Equal(0.4, poor.IdentityPass.Rate);
        Assert.Equal(2, analysis.ByProviderScenario.Count(g => g.Provider == "good"));
        PairwiseTest distance = analysis.Pairwise.Single(t => t.Metric == "face_distance");
        Assert.True(distance.Welch!.P < 0.001);
        Assert.True(distance.PermutationP < 0.01);
        Assert.Equal("good", analysis.Scorecard.Rows[0].Provider);
        Assert.Equal(3, analysis.Projections[0].Months.Count);
        Assert.Single(analysis.BreakEvens);
    }

    [Fact]
    public void Is_deterministic()
    {
        StudyAnalysis first = StudyAnalyzer.Analyze(Study());
        StudyAnalysis second = StudyAnalyzer.Analyze(Study());
        Assert.Equal(first.ByProvider[0].FaceDistance, second.ByProvider[0].FaceDistance);
        Assert.Equal(first.Pairwise[0].PermutationP, second.Pairwise[0].PermutationP);
    }

    [Fact]
    public void Counts_failures_and_faceless_shots()
    {
        StudyResults study = Study() with
        {
            Shots =
            [
                StudyFixtures.Shot("good", "a", 1, 0.3),
                StudyFixtures.Shot("good", "a", 2, null),
                StudyFixtures.Shot("good", "a", 3, null) with { Status = StudyStatuses.Failed, Error = "boom", FaceDetected = null },
            ],
        };
        GroupStatistics g = StudyAnalyzer.Analyze(study).ByProvider.Single(x => x.Provider == "good");
        Assert.Equal(1, g.Failed);
        Assert.Equal(2, g.IdentityPass.Trials);
        Assert.Equal(0.5, g.IdentityPass.Rate);
        Assert.Equal(0.5, g.FaceDetection.Rate);
    }

    [Fact]
    public void Rejects_bad_weights_before_any_work()
    {
        StudyResults study = Study() with { ScorecardWeights = new Dictionary<string, double> { ["consistency"] = 0.5 } };
        Assert.Throws<ArgumentException>(() => StudyAnalyzer.Analyze(study));
    }

    [Fact]
    public void Projections_pay_training_for_the_study_files_cast_size_unless_the_options_say_otherwise()
    {
        // One character in the study; the file asks projections for ten, the options may override both.
        Assert.All(StudyAnalyzer.Analyze(Study()).Projections, p => Assert.Equal(1, p.Characters));
        Assert.All(StudyAnalyzer.Analyze(Study() with { ProjectedCharacters = 10 }).Projections, p => Assert.Equal(10, p.Characters));
        var options = new StudyAnalysisOptions { ProjectedCharacters = 3 };
        Assert.All(StudyAnalyzer.Analyze(Study() with { ProjectedCharacters = 10 }, options).Projections, p => Assert.Equal(3, p.Characters));
    }

    internal static StudyResults Study()
    {
        var shots = new List<StudyShotResult>();
        for (int i = 0; i < 20; i++)
        {
            string scenario = i % 2 == 0 ? "close-up" : "action";
            shots.Add(StudyFixtures.Shot("good", scenario, i + 1, i < 18 ? 0.35 + (0.01 * (i % 10)) : 0.7));
            shots.Add(StudyFixtures.Shot("poor", scenario, i + 1, i < 8 ? 0.45 : 0.6 + (0.01 * (i % 10)), latencyMs: 4000, cost: 0.02m));
        }

        return new StudyResults
        {
            Name = "test",
            FinishedAt = DateTimeOffset.UnixEpoch,
            Shots = shots,
            Providers = [StudyFixtures.Facts("good", approach: "trained", training: 2m, trainingSeconds: 600), StudyFixtures.Facts("poor", price: 0.02m)],
            Calibration = new CalibrationSamples("test", [0.3, 0.4, 0.5], [.. Enumerable.Range(0, 100).Select(i => 0.55 + (i * 0.004))]),
            TargetFalseAcceptRate = 0.01,
        };
    }
}
