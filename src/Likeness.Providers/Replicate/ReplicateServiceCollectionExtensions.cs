using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Providers.Replicate;

/// <summary>Registers Replicate in a container: one <see cref="ReplicateClient"/> and the providers built on it.</summary>
public static class ReplicateServiceCollectionExtensions
{
    /// <summary>The SDXL registration's name.</summary>
    public const string SdxlName = "replicate-sdxl";

    /// <summary>
    /// The client (from <see cref="ReplicateClientOptions"/>, checked here) and two providers over it: <c>replicate</c>
    /// (<paramref name="provider"/>, the FLUX LoRA trainer by default) and <c>replicate-sdxl</c> (the same settings with
    /// the SDXL LoRA trainer). Prices come from the container's <see cref="PriceOverrides"/>.
    /// </summary>
    public static IServiceCollection AddReplicate(this IServiceCollection services, ReplicateClientOptions options, ReplicateProviderOptions? provider = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        provider ??= new ReplicateProviderOptions();
        provider.Validate();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(sp => new ReplicateClient(
            sp.GetRequiredService<IOptions<ReplicateClientOptions>>().Value, time: sp.GetRequiredService<TimeProvider>(), loggers: sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IProvider>(sp => new ReplicateProvider(
            sp.GetRequiredService<ReplicateClient>(), provider with { Prices = sp.GetService<PriceOverrides>() ?? PriceOverrides.None }));
        services.AddSingleton<IProvider>(sp => new ReplicateProvider(sp.GetRequiredService<ReplicateClient>(), provider with
        {
            Name = SdxlName, DisplayName = "Replicate (SDXL LoRA trainer)", Trainer = ReplicateTrainer.SdxlLora, TrainerModel = null,
            Prices = sp.GetService<PriceOverrides>() ?? PriceOverrides.None,
        }));
        return services;
    }
}
