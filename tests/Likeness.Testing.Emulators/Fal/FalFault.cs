namespace Likeness.Testing.Emulators.Fal;

/// <summary>What an injected fault does to a request instead of handling it.</summary>
public enum FalFault
{
    /// <summary>429 from the gateway.</summary>
    TooManyRequests429,

    /// <summary>502 from the gateway (no <c>x-fal-request-id</c>).</summary>
    BadGateway502,

    /// <summary>503 from the gateway (no <c>x-fal-request-id</c>).</summary>
    ServiceUnavailable503,

    /// <summary>504 from the gateway (no <c>x-fal-request-id</c>).</summary>
    GatewayTimeout504,

    /// <summary>504 with <c>X-Fal-Request-Timeout-Type: user</c>: the caller's own deadline, which must not be retried.</summary>
    UserTimeout504,

    /// <summary>401 from the gateway: the key is refused (rotated or revoked), whatever the request said.</summary>
    KeyRefused401,

    /// <summary>500 from the gateway.</summary>
    InternalError500,

    /// <summary>Reads the request, then aborts the connection without an answer.</summary>
    DropConnection,

    /// <summary>Handles the request (a submission is recorded) but answers 503: the ambiguous case.</summary>
    ProcessThenDrop503,

    /// <summary>
    /// Reads the request, then answers nothing until the client hangs up: a process stopped in the middle of it (for
    /// example during a storage upload). <see cref="FalFaults.HeldAsync"/> says when one is held.
    /// </summary>
    Hold,
}
