namespace Likeness.Core.Providers;

/// <summary>The providers a workspace knows, looked up by name and capability.</summary>
public sealed class ProviderRegistry
{
    private readonly Dictionary<string, IProvider> _providers;

    /// <summary>Registers <paramref name="providers"/>; names must be unique.</summary>
    public ProviderRegistry(IEnumerable<IProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = new Dictionary<string, IProvider>(StringComparer.OrdinalIgnoreCase);
        foreach (IProvider provider in providers)
        {
            if (!_providers.TryAdd(provider.Descriptor.Name, provider))
            {
                throw new ArgumentException($"Two providers are named '{provider.Descriptor.Name}'.", nameof(providers));
            }
        }
    }

    /// <summary>Every provider, by name.</summary>
    public IReadOnlyList<ProviderDescriptor> Descriptors => [.. _providers.Values.Select(p => p.Descriptor).OrderBy(d => d.Name, StringComparer.Ordinal)];

    /// <summary>The provider named <paramref name="name"/>, or a clear error listing the known ones.</summary>
    public IProvider Get(string name) =>
        _providers.TryGetValue(name, out IProvider? provider)
            ? provider
            : throw new RuleViolationException($"Unknown provider '{name}'. Known: {string.Join(", ", _providers.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>The provider as <typeparamref name="TCapability"/>, or an error naming the providers that have it.</summary>
    public TCapability Require<TCapability>(string name)
        where TCapability : class, IProvider
    {
        IProvider provider = Get(name);
        if (provider is not TCapability capable || !provider.Descriptor.Capabilities.HasFlag(FlagOf<TCapability>()))
        {
            string others = string.Join(", ", _providers.Values.OfType<TCapability>().Where(p => p.Descriptor.Capabilities.HasFlag(FlagOf<TCapability>()))
                .Select(p => p.Descriptor.Name).Order(StringComparer.Ordinal));
            throw new RuleViolationException($"Provider '{name}' cannot do this ({CapabilityName<TCapability>()}). Providers that can: {(others.Length == 0 ? "none" : others)}.");
        }

        if (!provider.Descriptor.IsAvailable)
        {
            throw new RuleViolationException($"Provider '{name}' needs an API key: set {provider.Descriptor.KeyVariable}.");
        }

        return capable;
    }

    /// <summary>The capability flag a capability interface stands for.</summary>
    public static ProviderCapabilities FlagOf<TCapability>()
        where TCapability : class, IProvider => typeof(TCapability).Name switch
        {
            nameof(IReferenceImageGenerator) => ProviderCapabilities.ReferenceGeneration,
            nameof(IIdentityTrainer) => ProviderCapabilities.Training,
            nameof(ITrainedIdentityGenerator) => ProviderCapabilities.TrainedGeneration,
            nameof(IElementVideoGenerator) => ProviderCapabilities.ElementVideo,
            _ => ProviderCapabilities.None,
        };

    private static string CapabilityName<T>() => typeof(T).Name switch
    {
        nameof(IReferenceImageGenerator) => "generation from references",
        nameof(IIdentityTrainer) => "training",
        nameof(ITrainedIdentityGenerator) => "generation with a trained identity",
        nameof(IElementVideoGenerator) => "video from elements",
        var n => n,
    };
}
