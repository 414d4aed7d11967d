using Likeness.Providers.Fal;
using Likeness.Providers.Fal.Webhooks;

namespace Likeness.Server.Webhooks;

/// <summary>
/// <c>POST /webhooks/fal</c>: fal's signed completion deliveries, verified as the fal library verifies them (Ed25519 over
/// fal's JWKS). A forged or unsigned delivery is a 401 and changes nothing; a verified one completes its request once
/// across all nodes (the receipt is in the database) and answers 200, a redelivery included.
/// </summary>
internal static class WebhookEndpoints
{
    /// <summary>The largest body read: fal's completion bodies carry result URLs, not files.</summary>
    private const int MaxBody = 1 << 20;

    public static IServiceCollection AddLikenessWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<FalCompletionReceipts>();
        services.AddSingleton<TrainingCompletion>();
        services.AddSingleton(sp => new FalSigningKeys(sp.GetRequiredService<FalClient>(), sp.GetRequiredService<ILogger<FalSigningKeys>>()));
        services.AddSingleton(sp => new FalWebhookVerifier(sp.GetRequiredService<FalClient>(), sp.GetRequiredService<FalSigningKeys>()));
        services.AddSingleton(sp =>
        {
            TrainingCompletion trainings = sp.GetRequiredService<TrainingCompletion>();
            var completions = new FalCompletions(sp.GetRequiredService<FalCompletionReceipts>(), (c, ct) => trainings.CompleteAsync("fal", c.RequestId, ct));
            return new FalWebhookReceiver(sp.GetRequiredService<FalWebhookVerifier>(), completions, sp.GetRequiredService<ILogger<FalWebhookReceiver>>());
        });
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/fal", ReceiveFalAsync).AllowAnonymous().WithTags("Webhooks").WithName("FalWebhook").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveFalAsync(HttpRequest request, FalWebhookReceiver receiver, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBody)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook body too large");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        FalWebhookResult result = await receiver.ReceiveAsync(headers, body.ToArray(), cancellationToken).ConfigureAwait(false);

        // The reason a delivery was refused is logged by the receiver; the sender learns only that it was.
        return result.HttpStatus switch
        {
            StatusCodes.Status200OK => TypedResults.Ok(new { disposition = result.Disposition.ToString().ToLowerInvariant(), request_id = result.RequestId }),
            StatusCodes.Status401Unauthorized => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unverified webhook"),
            _ => TypedResults.Problem(statusCode: result.HttpStatus, title: "Malformed webhook"),
        };
    }
}
