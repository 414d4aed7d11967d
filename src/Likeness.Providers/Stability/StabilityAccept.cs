namespace Likeness.Providers.Stability;

/// <summary>How Stability is asked to answer (the <c>accept</c> header); the client reads both.</summary>
public enum StabilityAccept
{
    /// <summary><c>application/json</c>: <c>{"image": base64, "seed", "finish_reason"}</c>.</summary>
    Json,

    /// <summary><c>image/*</c>: the raw image, with <c>seed</c> and <c>finish-reason</c> headers.</summary>
    Image,
}
