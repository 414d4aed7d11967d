using Likeness.Core.Providers;
using Likeness.Providers.Leonardo;

namespace Likeness.Providers;

/// <summary>
/// Providers listed by descriptor (capabilities, apps, limits, prices, key) even where no client is registered, so
/// estimates and comparisons can use them and running one says clearly that its client is missing. A registered
/// client replaces its listing. Every provider has a client now; Leonardo stays listed because its client is only
/// registered where the host adds it.
/// </summary>
public static class ListedProviders
{
    /// <summary>Their descriptors; <paramref name="environment"/> reads a variable (the process environment in production).</summary>
    public static IReadOnlyList<ProviderDescriptor> Describe(Func<string, string?> environment) =>
    [
        LeonardoDescriptor.Create(environment),
    ];

    /// <summary>True when <paramref name="variable"/> holds a value (the value itself is never read further or logged).</summary>
    internal static bool IsSet(Func<string, string?> environment, string variable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrWhiteSpace(environment(variable));
    }
}
