namespace Likeness.Testing.Emulators.Fal;

/// <summary>A webhook delivery's headers and raw body, signed as the emulator signs them.</summary>
/// <param name="Headers">The four <c>X-Fal-Webhook-*</c> headers.</param>
/// <param name="Body">The exact bytes the signature covers.</param>
public sealed record FalSignedDelivery(IReadOnlyDictionary<string, string> Headers, byte[] Body);
