using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Providers.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Providers.Stability;

/// <summary>Registers Stability AI in a container: one <see cref="StabilityClient"/> and the providers built on it.</summary>
public static class StabilityServiceCollectionExtensions
{
    /// <summary>
    /// The client (from <see cref="StabilityClientOptions"/>, validated at start-up) and three providers over it:
    /// <c>stability</c> (sd3.5-large image-to-image with a strength), <c>stability-structure</c> and
    /// <c>stability-style</c> (the control endpoints). Prices come from the container's <see cref="PriceOverrides"/>.
    /// </summary>
    public static IServiceCollection AddStability(this IServiceCollection services, StabilityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<IValidateOptions<StabilityClientOptions>>(new ValidatedBy<StabilityClientOptions>(o => o.Validate()));
        services.AddSingleton(sp => new StabilityClient(
            sp.GetRequiredService<IOptions<StabilityClientOptions>>().Value, time: sp.GetRequiredService<TimeProvider>(), loggers: sp.GetService<ILoggerFactory>()));
        foreach (StabilityProviderOptions registration in Registrations)
        {
            services.AddSingleton<IProvider>(sp => new StabilityProvider(sp.GetRequiredService<StabilityClient>(), registration with { Prices = Prices(sp) }));
        }

        return services;
    }

    /// <summary>The three registrations <see cref="AddStability"/> makes.</summary>
    public static IReadOnlyList<StabilityProviderOptions> Registrations { get; } =
    [
        new StabilityProviderOptions(),
        new StabilityProviderOptions { Name = "stability-structure", DisplayName = "Stability AI (structure control)", Approach = StabilityApproach.Structure },
        new StabilityProviderOptions { Name = "stability-style", DisplayName = "Stability AI (style control)", Approach = StabilityApproach.Style },
    ];

    private static PriceOverrides Prices(IServiceProvider services) => services.GetService<PriceOverrides>() ?? PriceOverrides.None;
}
