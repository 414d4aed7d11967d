namespace Likeness.Inference.Onnx;

/// <summary>
/// ONNX Runtime's native library cannot be loaded on this machine (missing for the platform, or an incompatible
/// build). Only the ONNX backend needs it; our own engine keeps working.
/// </summary>
public sealed class OnnxRuntimeUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxRuntimeUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public OnnxRuntimeUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the load failure that caused it.</summary>
    public OnnxRuntimeUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
