namespace Likeness.Testing.Emulators.Astria;

/// <summary>One callback the emulator sent (once: Astria does not retry): to where, the receiver's status, or lost on the way.</summary>
public sealed record AstriaCallbackDelivery(string Kind, long Id, Uri Url, int? Status, bool Lost);
