namespace Likeness.Testing.Emulators.Astria;

/// <summary>What an injected fault does to a request instead of (or after) handling it.</summary>
public enum AstriaFault
{
    /// <summary>429: rate limited (Astria's answer to heavy polling); nothing handled.</summary>
    TooManyRequests429,

    /// <summary>500 before anything was handled.</summary>
    InternalError500,

    /// <summary>502 from the front proxy; nothing handled.</summary>
    BadGateway502,

    /// <summary>503 from the front proxy; nothing handled.</summary>
    ServiceUnavailable503,

    /// <summary>504 after 30 s that Astria did process (its docs: "it was probably processed"): the tune or prompt exists.</summary>
    ProcessedThenTimeout504,

    /// <summary>The connection is dropped before anything was handled.</summary>
    DropConnection,

    /// <summary>
    /// Handles the request (the tune or prompt exists), then answers nothing until the client hangs up: a process stopped
    /// while its answer was on the way. <see cref="AstriaFaults.HeldAsync"/> says when one is held.
    /// </summary>
    ProcessedThenHold,
}
