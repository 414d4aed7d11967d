using Microsoft.Extensions.Options;

namespace Likeness.Server.Operations.Retention;

/// <summary>Data retention in the server (<c>Likeness:Retention</c>).</summary>
internal static class RetentionRegistration
{
    public static IServiceCollection AddLikenessRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptions.Validator>();
        services.AddSingleton<ServerRetention>();
        services.AddTransient<RetentionJob>();
        services.AddHostedService<RetentionSchedule>();
        return services;
    }
}
