using Microsoft.Extensions.Options;

namespace Likeness.Server.Credits;

/// <summary>Registers the role quotas (validated at start-up) and the alerts' webhook delivery (its Quartz schedule is in <c>JobSchedulerRegistration</c>).</summary>
internal static class CreditServiceCollectionExtensions
{
    public static IServiceCollection AddLikenessCredits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuotaOptions>().Bind(configuration.GetSection(QuotaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QuotaOptions>, QuotaOptions.Validator>();
        services.AddHttpClient(AlertDeliveryJob.ClientName);
        services.AddTransient<AlertDeliveryJob>();
        services.AddHostedService<PriceWatchStartup>();
        return services;
    }
}
