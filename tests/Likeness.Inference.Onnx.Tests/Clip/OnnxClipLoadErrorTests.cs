using Likeness.Inference.Onnx.Clip;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Onnx.Tests.Clip;

/// <summary>Bad exports give <see cref="InvalidModelException"/> naming the file, never a native crash.</summary>
public sealed class OnnxClipLoadErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("likeness-onnx-").FullName;

    [Fact]
    public void A_folder_without_onnx_files_is_an_invalid_model()
    {
        CopyConfig();
        var error = Assert.Throws<InvalidModelException>(() => OnnxClipTowers.Load(_directory));
        Assert.Contains(OnnxClipFiles.VisionFileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_config_is_an_invalid_model()
    {
        File.WriteAllBytes(Path.Combine(_directory, OnnxClipFiles.CombinedFileName), [1, 2, 3]);
        var error = Assert.Throws<InvalidModelException>(() => OnnxClipTowers.Load(_directory));
        Assert.Contains("config.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_onnx_file_is_an_invalid_model_naming_it()
    {
        CopyConfig();
        string path = Path.Combine(_directory, OnnxClipFiles.CombinedFileName);
        File.WriteAllBytes(path, [0x08, 0x07, 0xFF, 0xFF, 0x12, 0x34, 0x00, 0x01]);
        var error = Assert.Throws<InvalidModelException>(() => OnnxClipTowers.Load(_directory));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_split_text_file_is_an_invalid_model()
    {
        CopyConfig();
        var files = new OnnxClipFiles(Path.Combine(_directory, "config.json"), Path.Combine(_directory, "absent.onnx"), null);
        var error = Assert.Throws<InvalidModelException>(() => OnnxClipTowers.Load(files));
        Assert.Contains("absent.onnx", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void CopyConfig() =>
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "clip-tiny", "config.json"), Path.Combine(_directory, "config.json"));
}
