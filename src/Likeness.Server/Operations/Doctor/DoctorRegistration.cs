namespace Likeness.Server.Operations.Doctor;

/// <summary>The doctor in the server: at start-up and as a periodic job (<c>Likeness:Jobs:DoctorInterval</c>).</summary>
internal static class DoctorRegistration
{
    /// <summary>Registers it; call before the job scheduler, so the start-up run comes before any job is taken.</summary>
    public static IServiceCollection AddLikenessDoctor(this IServiceCollection services)
    {
        services.AddSingleton<ServerDoctor>();
        services.AddTransient<DoctorJob>();
        services.AddHostedService<DoctorStartup>();
        return services;
    }
}
