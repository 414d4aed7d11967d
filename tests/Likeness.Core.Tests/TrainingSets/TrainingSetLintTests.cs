using Likeness.Core.Characters;
using Likeness.Core.Scoring;
using Likeness.Core.TrainingSets;

namespace Likeness.Core.Tests.TrainingSets;

/// <summary>The lint rules on measured facts: each planted problem is found, a clean set gets nothing.</summary>
public sealed class TrainingSetLintTests
{
    private static readonly Character Ada = Character.Create(Guid.NewGuid(), "Ada", null,
        new CharacterProfile { CoreIdentity = "a woman in her thirties", PhysicalTraits = ["green eyes", "freckles"] }, "adaxyz", TimeProvider.System);

    private static readonly TrainingSetLintOptions Options = new() { Threshold = 0.5, RecommendedImages = 6 };

    [Fact]
    public void A_clean_set_gets_no_finding_and_full_score()
    {
        TrainingSetReport report = TrainingSetLint.Check(Clean(), Ada, Options);
        Assert.Empty(report.Findings);
        Assert.Equal(100, report.Score);
        Assert.True(report.Passed);
        Assert.Equal(3, report.Lighting.Count);
        Assert.Contains("profile left", report.Poses.Keys);
    }

    [Fact]
    public void Each_planted_problem_is_reported_with_its_image()
    {
        List<TrainingImageFacts> set = Clean();
        set[1] = set[1] with { Fingerprint = set[0].Fingerprint ^ 0b101 };                     // near-duplicate of img0
        set[2] = set[2] with { Descriptor = Descriptor(0.9f) };                                  // someone else
        set[3] = set[3] with { Face = new FaceBox(1000, 1000, 60, 60) };                         // 60 px at 2048 -> 30 px at 1024
        set.Add(Image("noface") with { Face = null, Descriptor = [], Turn = null, FaceLuma = null });
        TrainingSetReport report = TrainingSetLint.Check(set, Ada, Options);

        Assert.Equal(["img0", "img1"], Single(report, LintRules.Duplicate).Images);
        Assert.Equal(["img2"], Single(report, LintRules.OtherPerson).Images);
        Assert.Equal(["img3"], Single(report, LintRules.SmallFace).Images);
        Assert.Equal(["noface"], Single(report, LintRules.NoFace).Images);
        Assert.False(report.Passed);
        Assert.Equal(report.Findings.Count, report.ToDo.Count);
    }

    [Fact]
    public void One_angle_and_one_light_are_coverage_findings()
    {
        List<TrainingImageFacts> set = [.. Clean().Select(i => i with { Turn = 0.01, FaceLuma = 120 })];
        TrainingSetReport report = TrainingSetLint.Check(set, Ada, Options);
        Assert.Contains("three-quarter", Single(report, LintRules.PoseCoverage).Description);
        _ = Single(report, LintRules.LightingCoverage);
    }

    [Fact]
    public void Captions_without_the_trigger_or_repeating_a_fixed_trait_are_found_and_varied_ones_are_not()
    {
        string[] varied = ["adaxyz, close-up, frontal", "adaxyz, medium shot, profile, dark light", "adaxyz, wide shot", "adaxyz, green background", "adaxyz", "adaxyz, bright light"];
        Assert.Empty(TrainingSetLint.Check([.. Clean().Select((i, n) => i with { Caption = varied[n] })], Ada, Options).Findings);

        string[] bad = [.. varied.Select((c, n) => (n == 0 ? c.Replace("adaxyz", "a woman", StringComparison.Ordinal) : c) + ", with Green Eyes")];
        TrainingSetReport report = TrainingSetLint.Check([.. Clean().Select((i, n) => i with { Caption = bad[n] })], Ada, Options);
        Assert.Equal(["img0"], Single(report, LintRules.TriggerMissing).Images);
        Assert.Contains("green eyes", Single(report, LintRules.FixedTrait).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_shape_and_count_against_the_provider()
    {
        TrainingSetReport report = TrainingSetLint.Check([Image("tiny") with { Width = 200, Height = 600, Face = new FaceBox(50, 100, 100, 120) }], Ada, Options with { MinImages = 2 });
        Assert.Equal(LintSeverity.Problem, Single(report, LintRules.Count).Severity);
        Assert.Equal(LintSeverity.Warning, Single(report, LintRules.Resolution).Severity);
        _ = Single(report, LintRules.Aspect);
    }

    [Fact]
    public void A_face_at_the_border_is_cut()
    {
        List<TrainingImageFacts> set = Clean();
        set[4] = set[4] with { Face = new FaceBox(0, 500, 600, 700) };
        Assert.Equal(["img4"], Single(TrainingSetLint.Check(set, Ada, Options), LintRules.FaceCut).Images);
    }

    [Fact]
    public void Phrases_match_whole_words_only()
    {
        Assert.True(TrainingSetLint.ContainsPhrase("Adaxyz, Green Eyes.", "green eyes"));
        Assert.False(TrainingSetLint.ContainsPhrase("evergreen eyes", "green eyes"));
    }

    private static LintFinding Single(TrainingSetReport report, string rule) => Assert.Single(report.Findings, f => f.Rule == rule);

    /// <summary>Six 2048x2048 images of one person: three poses, three lights, distinct hashes, big faces inside the frame.</summary>
    private static List<TrainingImageFacts> Clean()
    {
        double[] turns = [0.01, -0.02, 0.15, -0.12, 0.35, -0.4];
        double[] lumas = [70, 120, 170, 110, 130, 100];
        return [.. Enumerable.Range(0, 6).Select(i => Image($"img{i}") with
        {
            Fingerprint = 0x0F0F_0F0F_0F0F_0F0FUL * (ulong)(i + 1) ^ (0xFFFFUL << (i * 10)),
            Descriptor = Descriptor(0.1f + (0.01f * i)),
            Turn = turns[i],
            FaceLuma = lumas[i],
        })];
    }

    private static TrainingImageFacts Image(string name) => new()
    {
        Name = name, Width = 2048, Height = 2048, Fingerprint = 0, FacesFound = 1, Face = new FaceBox(700, 500, 600, 700), Descriptor = Descriptor(0.1f), Turn = 0, FaceLuma = 120,
    };

    private static float[] Descriptor(float first) => [first, .. Enumerable.Repeat(0f, 127)];
}
