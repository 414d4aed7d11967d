namespace Likeness.Testing.Emulators.Fal;

/// <summary>One webhook delivery attempt.</summary>
/// <param name="RequestId">The request it reported.</param>
/// <param name="Url">Where it was posted.</param>
/// <param name="Attempt">1 for the first attempt of a delivery, counting up through retries and redeliveries.</param>
/// <param name="ResponseStatus">The receiver's status code, or null when it could not be reached.</param>
public sealed record FalWebhookDelivery(string RequestId, Uri Url, int Attempt, int? ResponseStatus);
