namespace Likeness.Core.Routing;

/// <summary>How a character's route picks the identity that makes a shot.</summary>
public enum RoutePolicy
{
    /// <summary>Always the first entry; a failure is the shot's failure.</summary>
    Fixed,

    /// <summary>The first entry; on a provider outage (a definite refusal: nothing was paid) the next entry serves.</summary>
    Fallback,

    /// <summary>
    /// As <see cref="Fallback"/>, and after each shot the character's measured numbers decide whether a trained
    /// identity would be cheaper per kept shot (<see cref="AutoRoute"/>): proposed, or started when the route allows it.
    /// </summary>
    Auto,
}
