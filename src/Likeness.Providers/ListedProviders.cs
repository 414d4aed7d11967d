using Likeness.Core.Providers;
using Likeness.Providers.Leonardo;
using Likeness.Providers.Replicate;
using Likeness.Providers.Stability;

namespace Likeness.Providers;

/// <summary>
/// The real providers whose clients are not built yet: the registry lists them by descriptor (capabilities,
/// apps, limits, prices, key) so estimates and comparisons can use them, and refuses to run them.
/// </summary>
public static class ListedProviders
{
    /// <summary>Their descriptors; <paramref name="environment"/> reads a variable (the process environment in production).</summary>
    public static IReadOnlyList<ProviderDescriptor> Describe(Func<string, string?> environment) =>
    [
        ReplicateDescriptor.Create(environment),
        LeonardoDescriptor.Create(environment),
        StabilityDescriptor.Create(environment),
    ];

    /// <summary>True when <paramref name="variable"/> holds a value (the value itself is never read further or logged).</summary>
    internal static bool IsSet(Func<string, string?> environment, string variable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrWhiteSpace(environment(variable));
    }
}
