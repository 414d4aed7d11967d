using Likeness.Inference.Faces;

namespace Likeness.Inference.Tests.Faces;

/// <summary>The loader takes only the pinned model files.</summary>
public sealed class ModelLoadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("likeness-models-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_copy_of_the_models_loads_from_any_folder()
    {
        CopyModels();
        FaceModels models = FaceModels.Load(_folder);
        Assert.Equal(FaceModels.Default.Recognition.MultiplyAdds(), models.Recognition.MultiplyAdds());
    }

    [Fact]
    public void A_modified_weight_file_is_refused_by_its_hash()
    {
        CopyModels();
        string bin = Path.Combine(_folder, "face_landmark_68_model.bin");
        byte[] bytes = File.ReadAllBytes(bin);
        bytes[1000] ^= 1;
        File.WriteAllBytes(bin, bytes);
        var ex = Assert.Throws<InvalidDataException>(() => FaceModels.Load(_folder));
        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_fails_clearly() =>
        Assert.ThrowsAny<IOException>(() => FaceModels.Load(Path.Combine(_folder, "nope")));

    [Fact]
    public void Multiply_add_counts_match_the_reference()
    {
        // inference.md section 0: 198.8 M @416, 51.6 M and 270.9 M multiply-adds.
        Assert.Equal(198.8e6, FaceModels.Default.Detector.MultiplyAdds(416), 0.05e6);
        Assert.Equal(51.6e6, FaceModels.Default.Landmarks.MultiplyAdds(), 0.05e6);
        Assert.Equal(270.9e6, FaceModels.Default.Recognition.MultiplyAdds(), 0.05e6);
    }

    private void CopyModels()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "models", "faceapi")))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }
}
