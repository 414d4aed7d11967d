namespace Likeness.Providers.Fal.Models;

/// <summary>A typed fal answer with the facts of the HTTP response it came in (Azure's <c>Response&lt;T&gt;</c> shape).</summary>
/// <param name="Value">The typed body.</param>
/// <param name="RequestId">The <c>x-fal-request-id</c> (or the queue request id).</param>
/// <param name="HttpStatus">The HTTP status.</param>
public sealed record FalResult<T>(T Value, string? RequestId, int HttpStatus);
