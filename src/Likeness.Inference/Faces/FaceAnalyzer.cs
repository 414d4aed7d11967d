using Likeness.Imaging;
using Likeness.Imaging.Rows;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Faces;

/// <summary>
/// face-api's <c>detectAllFaces(TinyFaceDetectorOptions).withFaceLandmarks().withFaceDescriptors()</c> in pure C#:
/// detect, crop each detection (clipped, floored) for the 68-landmark net, then cut the descriptor input by the
/// chosen <see cref="FaceAlignment"/> and run the ResNet descriptor. <see cref="Analyze(Image)"/> runs the faces of an image
/// through each net as one batch (FaceAnalyzer.Batch.cs), each layer split over the threads. Faces keep the
/// detector's NMS order. Thread-safe: the nets are read-only after loading.
/// </summary>
public sealed partial class FaceAnalyzer
{
    /// <summary>face-api's FaceMatcher threshold: descriptors closer than this are the same person.</summary>
    public const double SamePersonThreshold = 0.6;

    private const int LandmarkOutputs = 136;

    private readonly FaceModels _models;

    /// <summary>Creates an analyzer over loaded models.</summary>
    public FaceAnalyzer(FaceModels models, FaceAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        options ??= new FaceAnalyzerOptions();
        options.Validate();
        _models = models;
        Options = options;
    }

    /// <summary>The nets in use.</summary>
    public FaceModels Models => _models;

    /// <summary>The settings in use.</summary>
    public FaceAnalyzerOptions Options { get; }

    /// <summary>Euclidean distance between two descriptors.</summary>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Descriptors differ in length.", nameof(b));
        }

        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Finds faces, with landmarks and descriptors, in an RGB or RGBA image.</summary>
    public IReadOnlyList<AnalyzedFace> Analyze(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        IReadOnlyList<FaceDetection> detections = Detect(image);
        var faces = new List<AnalyzedFace>(detections.Count);
        for (int start = 0; start < detections.Count; start += MaxBatch)
        {
            AnalyzeBatch(image, detections, start, Math.Min(MaxBatch, detections.Count - start), faces);
        }

        return faces;
    }

    /// <summary>
    /// Runs <paramref name="analyze"/>(face, degree of parallelism) for faces 0..count-1. Faces are independent, so
    /// whole faces go to threads (nets single-threaded inside): coarse tasks keep the cores busy without a barrier per
    /// layer. Faces left over when the count does not divide evenly use the per-layer parallelism instead. The
    /// streamed analysis splits its faces this way; the batched nets of <see cref="Analyze(Image)"/> give the same bits.
    /// </summary>
    internal void ForEachFace(int count, Action<int, int> analyze)
    {
        int threads = WorkerPool.ResolveDegree(Options.DegreeOfParallelism);
        int coarse = threads > 1 ? count / threads * threads : 0;
        if (coarse > 0)
        {
            WorkerPool.Shared.Run(new FaceWork(analyze), coarse, threads);
        }

        for (int i = coarse; i < count; i++)
        {
            analyze(i, Options.DegreeOfParallelism);
        }
    }

    /// <summary>
    /// Runs the detector (stage 1) once per <see cref="FaceAnalyzerOptions.DetectorPasses"/> and merges the passes:
    /// the primary size's faces in NMS order (highest score first), then each further pass's faces that overlap none
    /// already kept (IoU ≤ 0.4). With one pass (the faceapi mode) this is face-api's detection exactly.
    /// </summary>
    public IReadOnlyList<FaceDetection> Detect(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        IReadOnlyList<DetectorPass> passes = Options.DetectorPasses();
        if (passes.Count == 1)
        {
            return Detect(image, passes[0]);
        }

        return TinyYoloDecoder.MergePasses(passes.Select(p => p.Fill < 1 ? DetectShrunk(image, p) : DetectFull(image, p)));
    }

    /// <summary>Runs the detector once: at <paramref name="pass"/>'s input size, the image filling <see cref="DetectorPass.Fill"/> of it.</summary>
    public IReadOnlyList<FaceDetection> Detect(Image image, DetectorPass pass)
    {
        ArgumentNullException.ThrowIfNull(image);
        pass.Validate();
        return pass.Fill < 1 ? DetectShrunk(image, pass) : DetectFull(image, pass);
    }

    /// <summary>A full pass: the image, padded to a square (padding after), resized to the pass's size.</summary>
    private List<FaceDetection> DetectFull(Image image, DetectorPass pass)
    {
        using Tensor input = FaceNetInput.FromImage(image, pass.InputSize, TinyFaceDetectorNet.MeanRgb, Options.DegreeOfParallelism);
        return RunDetector(input, pass, image.Width, image.Height);
    }

    private List<FaceDetection> DetectShrunk(Image image, DetectorPass pass)
    {
        using Tensor shrunk = FaceNetInput.CreateShrunk(image, pass.InputSize, pass.Fill, TinyFaceDetectorNet.MeanRgb);
        return RunDetector(shrunk, pass, image.Width, image.Height);
    }

    /// <summary>
    /// Runs the detector net on a pass's input and decodes its grid to boxes in the pixels of the
    /// <paramref name="width"/> x <paramref name="height"/> image. The downscaled pass's padded square spans longer
    /// side / fill image pixels, so decoding against it gives image pixels.
    /// </summary>
    internal List<FaceDetection> RunDetector(Tensor input, DetectorPass pass, int width, int height)
    {
        using Tensor grid = _models.Detector.Forward(input, Options.DegreeOfParallelism);
        if (pass.Fill < 1)
        {
            double canvas = Math.Max(width, height) / pass.Fill;
            return TinyYoloDecoder.Decode(grid.Span, grid.Height, pass.InputSize, canvas, canvas, Options.ScoreThreshold);
        }

        return TinyYoloDecoder.Decode(grid.Span, grid.Height, pass.InputSize, width, height, Options.ScoreThreshold);
    }

    /// <summary>Runs the landmark net on a detection (stage 2); null when the box lies outside the image.</summary>
    public FaceLandmarks? DetectLandmarks(Image image, FaceDetection detection)
    {
        ArgumentNullException.ThrowIfNull(image);
        return DetectLandmarks(PixelWindow.Whole(image), detection, Options.DegreeOfParallelism);
    }

    /// <summary>Cuts the face by <see cref="FaceAnalyzerOptions.Alignment"/> and runs the descriptor net (stage 3); null when the crop is empty.</summary>
    public float[]? ComputeDescriptor(Image image, FaceLandmarks landmarks)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ComputeDescriptor(PixelWindow.Whole(image), landmarks, Options.DegreeOfParallelism);
    }

    /// <summary>
    /// Finds faces, with landmarks and descriptors, in an image read by rows: the same faces as
    /// <see cref="Analyze(Image)"/> on its decode, holding the detector's inputs and the face regions instead of the
    /// pixels (see <see cref="StreamedAnalysis"/>).
    /// </summary>
    public IReadOnlyList<AnalyzedFace> Analyze(ImageRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new StreamedAnalysis(this, rows).Run();
    }


    /// <summary>Landmarks of one detection from a window holding its clipped box (<see cref="LandmarkRegion"/>).</summary>
    internal FaceLandmarks? DetectLandmarks(PixelWindow image, FaceDetection detection, int degreeOfParallelism)
    {
        PixelRect crop = LandmarkRegion(detection, image.Width, image.Height);
        if (crop.Width <= 0 || crop.Height <= 0)
        {
            return null;
        }

        Span<float> raw = stackalloc float[LandmarkOutputs];
        using (Tensor input = FaceNetInput.Create(image, crop, FaceLandmarkNet.InputSize, center: true, FaceLandmarkNet.MeanRgb))
        {
            _models.Landmarks.Forward(input, raw, degreeOfParallelism);
        }

        return ToLandmarks(raw, detection, crop);
    }

    /// <summary>The landmark net's 136 raw outputs for <paramref name="crop"/> as image pixels.</summary>
    private static FaceLandmarks ToLandmarks(ReadOnlySpan<float> raw, FaceDetection detection, PixelRect crop)
    {
        // face-api's postProcess runs on float32 tensors: (out·112 − pad) / scaled size; then pixels in double.
        double scale = (double)FaceLandmarkNet.InputSize / Math.Max(crop.Width, crop.Height);
        double sw = crop.Width * scale, sh = crop.Height * scale;
        float padX = (float)(sw < sh ? Math.Abs(sw - sh) / 2 : 0), padY = (float)(sh < sw ? Math.Abs(sw - sh) / 2 : 0);
        var points = new FacePoint[68];
        for (int i = 0; i < 68; i++)
        {
            float xRel = ((raw[2 * i] * FaceLandmarkNet.InputSize) - padX) / (float)sw;
            float yRel = ((raw[(2 * i) + 1] * FaceLandmarkNet.InputSize) - padY) / (float)sh;
            points[i] = new FacePoint((xRel * (double)crop.Width) + detection.Box.X, (yRel * (double)crop.Height) + detection.Box.Y);
        }

        return new FaceLandmarks(points, crop);
    }

    /// <summary>The pixels the landmark net reads for a detection: its box clipped to the image (empty: no landmarks).</summary>
    internal static PixelRect LandmarkRegion(FaceDetection detection, int imageWidth, int imageHeight) =>
        detection.Box.ClipToImage(imageWidth, imageHeight);

    /// <summary>The pixels the descriptor's cut reads for these landmarks (empty: it reads none).</summary>
    internal PixelRect DescriptorRegion(FaceLandmarks landmarks, int imageWidth, int imageHeight) =>
        Options.Alignment == FaceAlignment.FaceApi
            ? FaceAligner.FaceApiRegion(landmarks, imageWidth, imageHeight)
            : FaceAligner.AffineRegion(landmarks, imageWidth, imageHeight);

    /// <summary>The descriptor of a face from a window holding its <see cref="DescriptorRegion"/>.</summary>
    internal float[]? ComputeDescriptor(PixelWindow image, FaceLandmarks landmarks, int degreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        using Tensor input = DescriptorInput(image, landmarks);
        if (input.Length == 0)
        {
            return null;
        }

        float[] descriptor = new float[FaceRecognitionNet.DescriptorLength];
        _models.Recognition.Forward(input, descriptor, degreeOfParallelism);
        return descriptor;
    }

    /// <summary>The descriptor net's input cut by <see cref="FaceAnalyzerOptions.Alignment"/>; empty (default) when the crop is.</summary>
    internal Tensor DescriptorInput(PixelWindow image, FaceLandmarks landmarks) => Options.Alignment == FaceAlignment.FaceApi
        ? FaceAligner.FaceApiInput(image, landmarks)
        : FaceAligner.AffineInput(image, landmarks);

    /// <summary>One face per task, its nets on one thread.</summary>
    private sealed class FaceWork(Action<int, int> analyze) : IParallelWork
    {
        public void Execute(int index) => analyze(index, 1);
    }
}
