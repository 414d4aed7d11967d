using Likeness.Core.Studies.Calibration;
using Likeness.Testing;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Dino;
using Likeness.Workspace.Faces;
using Xunit.Abstractions;

namespace Likeness.Workspace.Tests.Dino.Claims;

/// <summary>
/// Issue 20's claims about DINO-I. They need real DINOv2 and CLIP weights (installed with <c>likeness models fetch
/// dino|clip</c>); without them the claims test is reported as skipped, and the harness is proved on the tiny models.
/// </summary>
public sealed class DinoClaimsTests(ITestOutputHelper output)
{
    [RealVisionModelsFact]
    public void With_real_weights_DINO_separates_people_less_sharply_than_the_face_but_ranks_hidden_faces_better_than_CLIP()
    {
        using DinoEngine dino = DinoEngine.TryLoad(null, installedWhenNull: true, out string? dinoProblem) ?? throw new InvalidOperationException(dinoProblem);
        using ClipEngine clip = ClipEngine.TryLoad(null, out string? clipProblem) ?? throw new InvalidOperationException(clipProblem);
        Numbers n = Measure(dino, clip);

        Assert.True(n.Face.DPrime > n.Dino.DPrime, $"face d' {n.Face.DPrime} should exceed DINO's {n.Dino.DPrime}");
        Assert.True(n.DinoRank.Rate > n.ClipRank.Rate, $"DINO rank-1 {n.DinoRank} should beat CLIP's {n.ClipRank}");
    }

    [Fact]
    public void The_claims_harness_measures_every_pair_and_query_on_the_tiny_models()
    {
        using DinoEngine dino = DinoEngine.TryLoad(Path.Combine(RepoPaths.Root, "tests", "data", "dinov2-tiny", "dinov2-tiny"), installedWhenNull: false, out string? dinoProblem)
            ?? throw new InvalidOperationException(dinoProblem);
        using ClipEngine clip = ClipEngine.TryLoad(Path.Combine(RepoPaths.Root, "tests", "data", "clip-tiny"), out string? clipProblem) ?? throw new InvalidOperationException(clipProblem);
        Numbers n = Measure(dino, clip);

        // 4 Obama and 2 Biden photos: 6 + 1 genuine pairs, 8 impostor pairs.
        Assert.Equal((7, 8), (n.Face.GenuineCount, n.Face.ImpostorCount));
        Assert.Equal((7, 8), (n.Dino.GenuineCount, n.Dino.ImpostorCount));
        Assert.True(n.Face.DPrime > 1, $"the face engine separates the cast (d' {n.Face.DPrime})");
        // 6 photos × (masked, torso) + 2 colourings × 3 held-out poses.
        Assert.Equal(18, n.DinoRank.Queries);
        Assert.Equal(18, n.ClipRank.Queries);
    }

    private Numbers Measure(DinoEngine dino, ClipEngine clip)
    {
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        IReadOnlyList<LabelledImage> photos = VisionClaimSets.FacePhotos();
        IReadOnlyList<LabelledImage> hidden = VisionClaimSets.HiddenFaces(photos, faces);
        IReadOnlyList<LabelledImage> cartoons = VisionClaimSets.Cartoons();
        LabelledImage[] cartoonRefs = [.. cartoons.Where(c => c.Name.EndsWith(" 0", StringComparison.Ordinal) || c.Name.EndsWith(" 1", StringComparison.Ordinal) || c.Name.EndsWith(" 2", StringComparison.Ordinal))];
        LabelledImage[] cartoonQueries = [.. cartoons.Except(cartoonRefs)];
        float[] Dino(Likeness.Imaging.Image image) => dino.Embed(image, null).Whole;

        var n = new Numbers(
            VisionClaims.FaceSeparation(photos, faces),
            VisionClaims.EmbeddingSeparation(photos, Dino),
            Add(VisionClaims.RankFirst(photos, hidden, Dino), VisionClaims.RankFirst(cartoonRefs, cartoonQueries, Dino)),
            Add(VisionClaims.RankFirst(photos, hidden, clip.EmbedImage), VisionClaims.RankFirst(cartoonRefs, cartoonQueries, clip.EmbedImage)));
        output.WriteLine($"{dino.Name} / {clip.Name}");
        output.WriteLine($"face distance: genuine {n.Face.GenuineMean:F3}, impostor {n.Face.ImpostorMean:F3}, margin {n.Face.Margin:F3}, d' {n.Face.DPrime:F2}");
        output.WriteLine($"DINO-I:        genuine {n.Dino.GenuineMean:F3}, impostor {n.Dino.ImpostorMean:F3}, margin {n.Dino.Margin:F3}, d' {n.Dino.DPrime:F2}");
        output.WriteLine($"rank-1 with the face hidden (masked, torso, cartoon): DINO {n.DinoRank}, CLIP {n.ClipRank}");
        return n;
    }

    private static RankOne Add(RankOne a, RankOne b) => new(a.Right + b.Right, a.Queries + b.Queries);

    private sealed record Numbers(Separation Face, Separation Dino, RankOne DinoRank, RankOne ClipRank);
}

/// <summary>Runs only where real DINOv2 and CLIP weights are installed in the model store; otherwise reported as skipped with the reason.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealVisionModelsFactAttribute : FactAttribute
{
    /// <summary>Skips without both models.</summary>
    public RealVisionModelsFactAttribute()
    {
        if (!Inference.Dino.DinoModelStore.Default.HasDino || !Inference.Clip.ClipModelStore.Default.HasClip)
        {
            Skip = "No real DINOv2 and CLIP weights are installed ('likeness models fetch dino' and 'likeness models fetch clip'): the DINO claims were not measured.";
        }
    }
}
