using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Providers.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Providers.Fal;

/// <summary>Registers fal.ai in a container: one <see cref="FalClient"/> and the providers built on it.</summary>
public static class FalServiceCollectionExtensions
{
    /// <summary>
    /// The client (from <see cref="FalClientOptions"/>, validated at start-up) and two providers over it:
    /// <c>fal</c> trains LoRAs (and generates with them and makes video), and <c>fal-instant</c> generates from
    /// references with Instant Character, so both identity kinds can be made. Prices come from the container's
    /// <see cref="PriceOverrides"/> when it has them.
    /// </summary>
    public static IServiceCollection AddFal(this IServiceCollection services, Action<FalClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IValidateOptions<FalClientOptions>>(new ValidatedBy<FalClientOptions>(o => o.Validate()));
        OptionsBuilder<FalClientOptions> options = services.AddOptions<FalClientOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services.AddFalProviders();
    }

    /// <summary>As <see cref="AddFal(IServiceCollection, Action{FalClientOptions}?)"/> with options the caller built (checked here).</summary>
    public static IServiceCollection AddFal(this IServiceCollection services, FalClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(Options.Create(options));
        return services.AddFalProviders();
    }

    private static IServiceCollection AddFalProviders(this IServiceCollection services)
    {
        // Constructed the way the client builds its own HttpClient today; IHttpClientFactory comes with the HTTP handlers.
        services.AddSingleton(sp => new FalClient(
            sp.GetRequiredService<IOptions<FalClientOptions>>().Value, time: sp.GetRequiredService<TimeProvider>(), loggers: sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IProvider>(sp => new FalProvider(sp.GetRequiredService<FalClient>(), new FalProviderOptions
        {
            Prices = Prices(sp), WebhookUrl = sp.GetRequiredService<IOptions<FalClientOptions>>().Value.WebhookUrl,
        }));
        services.AddSingleton<IProvider>(sp => new FalProvider(sp.GetRequiredService<FalClient>(), new FalProviderOptions
        {
            Name = "fal-instant", DisplayName = "fal.ai Instant Character", Capabilities = ProviderCapabilities.ReferenceGeneration, Prices = Prices(sp),
        }));
        return services;
    }

    private static PriceOverrides Prices(IServiceProvider services) => services.GetService<PriceOverrides>() ?? PriceOverrides.None;
}
