using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Core.Scoring;
using Likeness.Media.Transcoding;
using Likeness.Providers.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Likeness.Providers.Sim;

/// <summary>Registers the offline sim providers in a container.</summary>
public static class SimServiceCollectionExtensions
{
    /// <summary>
    /// One <see cref="IProvider"/> per profile (the three defaults unless <paramref name="profiles"/> names others),
    /// built on first use from <see cref="SimOptions"/>, the container's <see cref="ISimDistractorSource"/>, its
    /// <see cref="IFaceAnalyzer"/> (optional), <see cref="TimeProvider"/>, <see cref="PriceOverrides"/> (optional) and
    /// <see cref="WebmEncoder"/> (optional: with it the clips are WebM where ffmpeg is installed).
    /// </summary>
    public static IServiceCollection AddSim(this IServiceCollection services, IEnumerable<SimProfile>? profiles = null, Action<SimOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IValidateOptions<SimOptions>>(new ValidatedBy<SimOptions>(o => o.Validate()));
        OptionsBuilder<SimOptions> options = services.AddOptions<SimOptions>()
            .Configure<IServiceProvider>((o, sp) => o.Prices = sp.GetService<PriceOverrides>() ?? o.Prices)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        foreach (SimProfile profile in profiles ?? SimProfile.Defaults)
        {
            services.AddSingleton<IProvider>(sp => new SimProvider(
                profile,
                sp.GetRequiredService<IOptions<SimOptions>>().Value,
                sp.GetRequiredService<ISimDistractorSource>(),
                sp.GetService<IFaceAnalyzer>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<WebmEncoder>()));
        }

        return services;
    }
}
