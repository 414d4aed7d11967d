using Likeness.Core.Assets;
using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Studies.Scoring;

namespace Likeness.Workspace.Tests.Studies;

public sealed class StudyReferenceSetTests
{
    [Fact]
    public async Task Uses_the_stored_fingerprints_which_match_the_upright_images()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        IReadOnlyList<ReferenceImage> references = await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id);
        StudyReferenceSet set = await StudyReferenceSet.LoadAsync(cast.Workspace, cast.Obama, CancellationToken.None);

        Assert.NotEmpty(references);
        Assert.Equal(references.Select(r => r.Fingerprint), set.Fingerprints);
        Assert.Null(set.ClipEmbeddings);
        foreach (ReferenceImage reference in references)
        {
            byte[] bytes = await cast.Workspace.Assets.ReadAllBytesAsync(reference.AssetSha256);
            using DecodedImage decoded = ImageDecoder.Decode(bytes, new DecodeOptions { ApplyExifOrientation = true });
            Assert.Equal(ImageFingerprint.Compute(decoded.Image), reference.Fingerprint);
        }
    }
}
