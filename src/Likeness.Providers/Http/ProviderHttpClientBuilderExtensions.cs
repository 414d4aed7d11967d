using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Http;

/// <summary>Registers a provider's handler stack on an <see cref="IHttpClientFactory"/> client.</summary>
public static class ProviderHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds the provider handlers (<see cref="ProviderHttpHandlers"/>) with the rules <paramref name="rules"/> gives
    /// for this client, e.g. <c>services.AddHttpClient&lt;FalClient&gt;(...).AddLikenessProviderHandlers("fal", sp =&gt; FalClient.HttpRules(options))</c>.
    /// One stack per client name is kept as a singleton, so the concurrency cap survives the factory's handler rotation.
    /// </summary>
    public static IHttpClientBuilder AddLikenessProviderHandlers(this IHttpClientBuilder builder, string provider, Func<IServiceProvider, HttpPipelineOptions> rules)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(rules);
        string key = builder.Name;
        builder.Services.TryAddKeyedSingleton(key, (sp, _) => new ProviderHttpHandlers(
            provider, rules(sp), sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()?.CreateLogger($"Likeness.Providers.Http.{provider}")));
        builder.AddHttpMessageHandler(sp => sp.GetRequiredKeyedService<ProviderHttpHandlers>(key).CreateOutcomeHandler());
        builder.AddHttpMessageHandler(sp => sp.GetRequiredKeyedService<ProviderHttpHandlers>(key).CreateResilienceHandler());
        builder.AddHttpMessageHandler(ProviderHttpHandlers.CreateBufferingHandler);
        return builder.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
    }
}
