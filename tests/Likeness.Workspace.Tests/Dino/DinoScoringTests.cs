using Likeness.Core.Assets;
using Likeness.Core.Identity;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Core.Studies;
using Likeness.Imaging;
using Likeness.Inference.Dino;
using Likeness.Testing;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Reporting;

namespace Likeness.Workspace.Tests.Dino;

/// <summary>DINO-I in shot scoring and studies, with the golden tiny DINOv2 (random weights from the original code).</summary>
public sealed class DinoScoringTests
{
    private static readonly string TinyDino = Path.Combine(RepoPaths.Root, "tests", "data", "dinov2-tiny", "dinov2-tiny");

    private static FaceEngine Faces() => FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_shot_gets_DINO_I_on_the_frame_and_the_character_crop_stored_with_its_scores(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind, faces: Faces(), dinoModel: TinyDino);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        Shot shot = (await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(3))).Shot;

        DinoScores dino = Assert.IsType<DinoScores>(shot.Scores.Dino);
        Assert.Equal("dino/dinov2-tiny", dino.Model);
        Assert.True(shot.Scores.FaceDetected);
        Assert.True(dino.CropFromFace);
        Assert.InRange(dino.WholeMean, -1, dino.WholeMax);
        Assert.InRange(dino.CropMean, -1, dino.CropMax);
        Assert.InRange(dino.WholeMax, dino.WholeMean, 1 + 1e-6);

        // The whole-frame score is the mean cosine of the shot's embedding to each reference's, computed independently here.
        using DinoEmbedder embedder = DinoEmbedder.Load(TinyDino);
        using Image shotImage = await DecodeAsync(cast, shot.Assets[0]);
        float[] mine = embedder.EmbedImage(shotImage);
        var cosines = new List<double>();
        foreach (ReferenceImage reference in await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id))
        {
            using Image image = await DecodeAsync(cast, reference.AssetSha256);
            cosines.Add(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(mine, embedder.EmbedImage(image)));
        }

        Assert.Equal(cosines.Average(), dino.WholeMean, 1e-5);
        Assert.Equal(cosines.Max(), dino.WholeMax, 1e-5);
        Assert.NotEqual(dino.WholeMean, dino.CropMean, 1e-6);

        await cast.ReopenAsync();
        Shot stored = Assert.Single(await cast.Workspace.Shots.ListAsync(cast.Obama.Id));
        Assert.Equal(dino, stored.Scores.Dino);
    }

    [Fact]
    public async Task Without_a_DINOv2_model_the_score_is_absent_not_zero()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite, faces: Faces());
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        Shot shot = (await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, ShotRunnerTests.Request(3))).Shot;

        Assert.Null(cast.Workspace.Dino);
        Assert.True(shot.Scores.FaceDetected);
        Assert.Null(shot.Scores.Dino);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_study_reports_DINO_I_and_its_calibration_beside_the_face_or_says_it_was_not_measured(bool installed)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite, faces: Faces(), dinoModel: installed ? TinyDino : null);
        using var folder = new TempFolder();
        var study = new StudyDefinition
        {
            Name = "dino",
            Characters = [cast.Obama.Name, cast.Biden.Name],
            Scenarios = [.. StudyScenario.Standard.Where(s => s.Name is "close-up-portrait")],
            Variations = 1,
            Providers = [new StudyProvider { Label = "sim-instant", Provider = "sim-instant" }],
            Megapixels = 0.05,
        };

        StudyRunSummary run = await new StudyRunner(cast.Workspace).RunAsync(study, folder.Path);
        IReadOnlyList<IReadOnlyList<string>> csv = StudyCsv.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "results.csv")));
        string report = await File.ReadAllTextAsync(Path.Combine(folder.Path, "report.html"));
        string json = await File.ReadAllTextAsync(Path.Combine(folder.Path, "results.json"));
        int column = csv[0].ToList().IndexOf("dino_i_crop");
        Assert.True(column >= 0);
        Assert.Equal(2, run.Results.Shots.Count);
        Assert.All(run.Results.Shots, s => Assert.Equal(StudyStatuses.Succeeded, s.Status));
        Assert.Contains("DINO-I (whole frame and character crop)", report, StringComparison.Ordinal);
        if (!installed)
        {
            Assert.All(run.Results.Shots, s => Assert.Null(s.DinoI));
            Assert.All(csv.Skip(1), row => Assert.Equal(string.Empty, row[column]));
            Assert.Null(run.Results.DinoCalibration);
            Assert.Contains("DINO-I was not measured", report, StringComparison.Ordinal);
            return;
        }

        Assert.All(run.Results.Shots, s => Assert.NotNull(s.DinoI));
        Assert.All(csv.Skip(1), row => Assert.Equal(StudyFormat.Score(run.Results.Shots.Single(s => s.ShotId == row[^3]).DinoICrop), row[column]));
        DinoCalibrationSamplesAssert(run.Results, run.Analysis.DinoCalibration!);
        Assert.Contains("DINO-I whole (dino/dinov2-tiny)", report, StringComparison.Ordinal);
        Assert.Contains("face distance (", report, StringComparison.Ordinal);
        Assert.Contains("\"dino_calibration\"", json, StringComparison.Ordinal);
    }

    private static void DinoCalibrationSamplesAssert(StudyResults results, Core.Studies.Calibration.DinoCalibration calibration)
    {
        var samples = results.DinoCalibration!;
        var references = results.Calibration!;
        Assert.Equal("dino/dinov2-tiny", samples.Model);
        // The same pairs as the face calibration when every reference has a face (the demo cast's do).
        Assert.Equal(references.Genuine.Count, samples.GenuineWhole.Count);
        Assert.Equal(references.Impostor.Count, samples.ImpostorWhole.Count);
        Assert.Equal(samples.GenuineWhole.Count, samples.GenuineCrop.Count);
        Assert.Equal(samples.GenuineWhole.Average(), calibration.WholeSeparation.GenuineMean!.Value, 1e-12);
        Assert.All(samples.GenuineWhole.Concat(samples.ImpostorCrop), c => Assert.InRange(c, -1, 1 + 1e-6));
    }

    private static async Task<Image> DecodeAsync(CastWorkspace cast, string sha256)
    {
        byte[] bytes = await cast.Workspace.Assets.ReadAllBytesAsync(sha256);
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        return decoded.Image.Clone();
    }
}
