using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Providers.Astria;

/// <summary>Registers Astria in a container: one <see cref="AstriaClient"/> and the providers built on it.</summary>
public static class AstriaServiceCollectionExtensions
{
    /// <summary>
    /// The client (from <paramref name="options"/>, checked here) and three providers over it: <c>astria</c> trains FLUX
    /// LoRA tunes and generates with them, <c>astria-sdxl</c> trains SDXL (pti) tunes and prompts them directly, and
    /// <c>astria-faceid</c> generates from references with a FaceID tune (no training). Prices come from the container's <see cref="PriceOverrides"/> when it has them.
    /// </summary>
    public static IServiceCollection AddAstria(this IServiceCollection services, AstriaClientOptions options, AstriaProviderOptions? provider = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        provider ??= new AstriaProviderOptions();
        provider.Validate();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(sp => new AstriaClient(
            sp.GetRequiredService<IOptions<AstriaClientOptions>>().Value, time: sp.GetRequiredService<TimeProvider>(), loggers: sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IProvider>(sp => new AstriaProvider(sp.GetRequiredService<AstriaClient>(), provider with { Prices = Prices(sp) }));
        services.AddSingleton<IProvider>(sp => new AstriaProvider(sp.GetRequiredService<AstriaClient>(), provider.ForSdxl() with { Prices = Prices(sp) }));
        services.AddSingleton<IProvider>(sp => new AstriaProvider(sp.GetRequiredService<AstriaClient>(), provider with
        {
            Name = AstriaDescriptor.FaceIdName, DisplayName = "Astria FaceID (no training)", Capabilities = ProviderCapabilities.ReferenceGeneration, Prices = Prices(sp),
        }));
        return services;
    }

    private static PriceOverrides Prices(IServiceProvider services) => services.GetService<PriceOverrides>() ?? PriceOverrides.None;
}
