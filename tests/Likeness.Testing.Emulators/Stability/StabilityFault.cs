namespace Likeness.Testing.Emulators.Stability;

/// <summary>What an injected fault does to a generation request instead of (or after) handling it.</summary>
public enum StabilityFault
{
    /// <summary>429 before anything is made (nothing charged).</summary>
    TooManyRequests429,

    /// <summary>500 before anything is made.</summary>
    InternalError500,

    /// <summary>502 from the gateway.</summary>
    BadGateway502,

    /// <summary>503 from the gateway.</summary>
    ServiceUnavailable503,

    /// <summary>Reads the request, then aborts the connection without an answer (nothing made).</summary>
    DropConnection,

    /// <summary>Makes and charges the image, then answers 500: the ambiguous case.</summary>
    GenerateThen500,
}
