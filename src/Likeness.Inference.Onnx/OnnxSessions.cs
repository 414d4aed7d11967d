using Likeness.Inference.Safetensors;
using Microsoft.ML.OnnxRuntime;

namespace Likeness.Inference.Onnx;

/// <summary>
/// Opens ONNX Runtime sessions. The native library is first touched here, so a machine without it fails only
/// when an ONNX model is asked for, with <see cref="OnnxRuntimeUnavailableException"/>; a missing or unreadable
/// model file is an <see cref="InvalidModelException"/>, as for our own engine.
/// </summary>
internal static class OnnxSessions
{
    public static InferenceSession Open(string path, OnnxBackendOptions options)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"ONNX model not found: {path}");
        }

        try
        {
            using var sessionOptions = new SessionOptions
            {
                GraphOptimizationLevel = options.GraphOptimization,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = options.Threads,
                InterOpNumThreads = 1,
            };
            return new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException($"ONNX Runtime cannot load {path}: {e.Message}", e);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
            or TypeInitializationException)
        {
            throw new OnnxRuntimeUnavailableException($"ONNX Runtime's native library cannot be loaded here ({e.Message}); use our engine (--backend ours).", e);
        }
    }

    /// <summary>The input or output called <paramref name="name"/>, or a typed error naming what the file has instead.</summary>
    public static string Require(IReadOnlyDictionary<string, NodeMetadata> nodes, string name, string path, string what) =>
        nodes.ContainsKey(name)
            ? name
            : throw new InvalidModelException($"{path} has no {what} '{name}' (it has: {string.Join(", ", nodes.Keys)}).");
}
