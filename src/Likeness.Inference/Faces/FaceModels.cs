using Likeness.Inference.Tfjs;

namespace Likeness.Inference.Faces;

/// <summary>
/// The three face-api nets loaded from a folder holding the tfjs manifests and weights of
/// <c>@vladmandic/face-api@1.7.15</c>, every file checked against its pinned SHA-256.
/// </summary>
public sealed class FaceModels
{
    /// <summary>Environment variable naming a folder to load the models from instead of the default.</summary>
    public const string DirectoryVariable = "LIKENESS_FACEAPI_MODELS";

    /// <summary>SHA-256 of each file of the models as shipped in the npm package.</summary>
    internal static readonly IReadOnlyDictionary<string, string> PinnedSha256 = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tiny_face_detector_model-weights_manifest.json"] = "5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5",
        ["tiny_face_detector_model.bin"] = "b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871",
        ["face_landmark_68_model-weights_manifest.json"] = "ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9",
        ["face_landmark_68_model.bin"] = "4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b",
        ["face_recognition_model-weights_manifest.json"] = "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b",
        ["face_recognition_model.bin"] = "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589",
    };

    private static readonly Lock DefaultLock = new();
    private static FaceModels? s_default;

    private FaceModels(TinyFaceDetectorNet detector, FaceLandmarkNet landmarks, FaceRecognitionNet recognition)
    {
        Detector = detector;
        Landmarks = landmarks;
        Recognition = recognition;
    }

    /// <summary>The face detector.</summary>
    public TinyFaceDetectorNet Detector { get; }

    /// <summary>The 68-point landmark net.</summary>
    public FaceLandmarkNet Landmarks { get; }

    /// <summary>The descriptor net.</summary>
    public FaceRecognitionNet Recognition { get; }

    /// <summary>
    /// The folder models load from by default: <see cref="DirectoryVariable"/> when set, else
    /// <c>models/faceapi</c> next to the application (the build copies the committed models there).
    /// </summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "models", "faceapi");

    /// <summary>The models from <see cref="DefaultDirectory"/>, loaded once per process.</summary>
    public static FaceModels Default
    {
        get
        {
            lock (DefaultLock)
            {
                return s_default ??= Load(DefaultDirectory);
            }
        }
    }

    /// <summary>Loads and verifies the three models from <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">A file is damaged or differs from the pinned release.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static FaceModels Load(string directory)
    {
        TfjsWeights Read(string model) =>
            TfjsWeights.Load(Path.Combine(directory, model + "-weights_manifest.json"), PinnedSha256);

        return new FaceModels(
            new TinyFaceDetectorNet(Read("tiny_face_detector_model")),
            new FaceLandmarkNet(Read("face_landmark_68_model")),
            new FaceRecognitionNet(Read("face_recognition_model")));
    }
}
