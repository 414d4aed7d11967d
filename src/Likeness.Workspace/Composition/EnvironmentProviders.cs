using Likeness.Providers.Astria;
using Likeness.Providers.Fal;
using Likeness.Providers.Leonardo;
using Likeness.Providers.Replicate;
using Likeness.Providers.Sim;
using Likeness.Providers.Stability;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Composition;

/// <summary>Every provider, configured from the environment: what the CLI and the server both register.</summary>
public static class EnvironmentProviders
{
    /// <summary>
    /// The sim profiles and fal, Astria, Leonardo, Replicate and Stability with their keys and endpoints from the
    /// environment (FAL_KEY, ASTRIA_API_KEY, LEONARDO_API_KEY, REPLICATE_API_TOKEN, STABILITY_API_KEY and the
    /// LIKENESS_&lt;PROVIDER&gt;_* overrides; see each provider's doc). A provider without a key is listed, not callable.
    /// </summary>
    public static IServiceCollection AddProvidersFromEnvironment(this IServiceCollection services) =>
        services.AddSim().AddFal(FalClientOptions.FromEnvironment())
            .AddAstria(AstriaClientOptions.FromEnvironment(), AstriaProviderOptions.FromEnvironment())
            .AddLeonardo(LeonardoClientOptions.FromEnvironment(), LeonardoProviderOptions.FromEnvironment())
            .AddReplicate(ReplicateClientOptions.FromEnvironment(), ReplicateProviderOptions.FromEnvironment())
            .AddStability(StabilityClientOptions.FromEnvironment());
}
