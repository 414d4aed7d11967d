namespace Likeness.Inference.Safetensors;

/// <summary>
/// A model file or its config cannot be used: truncated or malformed safetensors, a missing or mismatched tensor,
/// a config without a required section. The message names the file and, where there is one, the tensor.
/// </summary>
public sealed class InvalidModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidModelException(string message, string? tensorName = null)
        : base(message) => TensorName = tensorName;

    /// <summary>Creates the exception with the error that caused it.</summary>
    public InvalidModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidModelException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidModelException(string message)
        : base(message)
    {
    }

    /// <summary>The tensor at fault, or null when the problem is not one tensor's.</summary>
    public string? TensorName { get; }
}
