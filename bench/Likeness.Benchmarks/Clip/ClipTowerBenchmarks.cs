using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Likeness.Benchmarks.Kernels;
using Likeness.Inference.Clip;
using Likeness.Inference.Tokenization;

namespace Likeness.Benchmarks.Clip;

/// <summary>
/// The CLIP ViT-B/32 towers with random weights (real shapes, written to safetensors and loaded by the real
/// loader): the image tower per batch and the text tower for a 20-position prompt, with GFLOP/s.
/// Run: <c>dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter '*ClipTowerBenchmarks*'</c>.
/// The PyTorch side: <c>python3 bench/clip-torch/bench.py --threads T --batch B</c>.
/// </summary>
[Config(typeof(Config))]
public class ClipTowerBenchmarks
{
    private const string Prompt = "close-up portrait of a young woman with red hair and green eyes, soft studio light";

    private string _directory = "";
    private ClipModel _model = null!;
    private float[] _pixels = [];
    private float[] _imageOut = [];
    private float[] _textOut = [];
    private int[] _ids = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(1, 8)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("likeness-bdn-clip-").FullName;
        ClipRandomWeights.WriteModel(_directory, ClipConfig.VitB32);
        _model = ClipModel.Load(_directory);
        _model.DegreeOfParallelism = Threads;
        var rng = new Random(1);
        _pixels = [.. Enumerable.Range(0, Batch * _model.PixelCount).Select(_ => (rng.NextSingle() * 4) - 2)];
        _imageOut = new float[Batch * _model.EmbeddingDimension];
        _textOut = new float[_model.EmbeddingDimension];
        _ids = ClipTokenizer.Default.Tokenize(Prompt);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public void ImageTower() => _model.EmbedImages(_pixels, Batch, _imageOut);

    [Benchmark]
    public void TextTower20Tokens() => _model.EmbedTokens([_ids], _textOut);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new GflopsColumn(c =>
            {
                int batch = (int)c.Parameters["Batch"];
                return c.Descriptor.WorkloadMethod.Name == nameof(ImageTower)
                    ? batch * ClipCost.VisionFlops(ClipConfig.VitB32)
                    : ClipCost.TextFlops(ClipConfig.VitB32, 20);
            }));
        }
    }
}
