using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Leonardo;

/// <summary>Registers Leonardo.ai in a container: one <see cref="LeonardoClient"/> and the provider on it.</summary>
public static class LeonardoServiceCollectionExtensions
{
    /// <summary>
    /// The client (from <paramref name="options"/>, checked here) and the <c>leonardo</c> provider over it, which
    /// replaces Leonardo's descriptor-only listing. Prices come from the container's <see cref="PriceOverrides"/>.
    /// </summary>
    public static IServiceCollection AddLeonardo(this IServiceCollection services, LeonardoClientOptions options, LeonardoProviderOptions? provider = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        provider ??= new LeonardoProviderOptions();
        provider.Validate();
        services.AddSingleton(sp => new LeonardoClient(options, time: sp.GetRequiredService<TimeProvider>(), loggers: sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IProvider>(sp => new LeonardoProvider(
            sp.GetRequiredService<LeonardoClient>(), provider with { Prices = sp.GetService<PriceOverrides>() ?? PriceOverrides.None }));
        return services;
    }
}
