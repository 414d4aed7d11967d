using Likeness.Core.Costs;

namespace Likeness.Core.Providers;

/// <summary>
/// The providers a workspace knows, looked up by name and capability. Providers with a client do the work;
/// providers listed by descriptor only (their client is not built yet) are shown with their capabilities,
/// limits and prices, and asking them to work fails with a message that says so. Providers with a client
/// price their own calls, so they are built with the user's price overrides; the registry applies them to the
/// descriptor-only ones and checks that every override names a provider it knows.
/// </summary>
public sealed class ProviderRegistry
{
    private readonly Dictionary<string, (ProviderDescriptor Descriptor, IProvider? Client)> _entries;

    /// <summary>
    /// Registers <paramref name="clients"/> and the descriptor-only <paramref name="listedOnly"/> (a listing whose
    /// provider has a registered client is dropped); client names must be unique. Throws an <see cref="InvalidInputException"/>
    /// naming the bad line when a price override does not fit.
    /// </summary>
    public ProviderRegistry(IEnumerable<IProvider> clients, IEnumerable<ProviderDescriptor>? listedOnly = null, PriceOverrides? prices = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        prices ??= PriceOverrides.None;
        _entries = new(StringComparer.OrdinalIgnoreCase);
        var built = clients.ToList();
        // A provider whose client is registered replaces its descriptor-only listing.
        var listed = (listedOnly ?? []).Where(d => !built.Any(c => c.Descriptor.Name.Equals(d.Name, StringComparison.OrdinalIgnoreCase)));
        var all = built.Select(c => (c.Descriptor, (IProvider?)c)).Concat(listed.Select(d => (d, (IProvider?)null)));
        foreach (var (descriptor, client) in all)
        {
            if (!_entries.TryAdd(descriptor.Name, (descriptor, client)))
            {
                throw new ArgumentException($"Two providers are named '{descriptor.Name}'.", nameof(clients));
            }
        }

        prices.RequireKnownProviders(_entries.Keys);
        foreach (var (name, entry) in _entries.Where(e => e.Value.Client is null).ToList())
        {
            _entries[name] = (prices.Apply(entry.Descriptor), null);
        }
    }

    /// <summary>Every provider, by name.</summary>
    public IReadOnlyList<ProviderDescriptor> Descriptors => [.. Listings.Select(l => l.Descriptor)];

    /// <summary>Every provider by name, with whether its client is built.</summary>
    public IReadOnlyList<ProviderListing> Listings =>
        [.. _entries.Values.Select(e => new ProviderListing(e.Descriptor, e.Client is not null)).OrderBy(l => l.Descriptor.Name, StringComparer.Ordinal)];

    /// <summary>The descriptor (price overrides applied) of the provider named <paramref name="name"/>, with or without a client.</summary>
    public ProviderDescriptor Describe(string name) => Entry(name).Descriptor;

    /// <summary>The provider named <paramref name="name"/>, or a clear error (unknown, or its client is not built yet).</summary>
    public IProvider Get(string name)
    {
        var (descriptor, client) = Entry(name);
        return client ?? throw NotBuilt(descriptor, ProviderCapabilities.None);
    }

    /// <summary>The provider as <typeparamref name="TCapability"/>, or an error naming the providers that have it.</summary>
    public TCapability Require<TCapability>(string name)
        where TCapability : class, IProvider
    {
        ProviderCapabilities flag = FlagOf<TCapability>();
        var (descriptor, client) = Entry(name);
        if (!descriptor.Capabilities.HasFlag(flag) || (client is not null && client is not TCapability))
        {
            string others = string.Join(", ", _entries.Values.Where(e => e.Client is TCapability && e.Descriptor.Capabilities.HasFlag(flag))
                .Select(e => e.Descriptor.Name).Order(StringComparer.Ordinal));
            throw new RuleViolationException($"Provider '{name}' cannot do this ({CapabilityName(flag)}). Providers that can: {(others.Length == 0 ? "none" : others)}.");
        }

        if (client is null)
        {
            throw NotBuilt(descriptor, flag);
        }

        if (!descriptor.IsAvailable)
        {
            throw new RuleViolationException($"Provider '{name}' needs an API key: set {descriptor.KeyVariable}.", DomainRules.KeyRequired);
        }

        return (TCapability)client;
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

    private (ProviderDescriptor Descriptor, IProvider? Client) Entry(string name) =>
        _entries.TryGetValue(name, out var entry)
            ? entry
            : throw new NotFoundException(EntityKind.Provider, name, $"Unknown provider '{name}'. Known: {string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal))}.");

    private RuleViolationException NotBuilt(ProviderDescriptor descriptor, ProviderCapabilities flag)
    {
        string working = string.Join(", ", _entries.Values
            .Where(e => e.Client is not null && (flag == ProviderCapabilities.None || e.Descriptor.Capabilities.HasFlag(flag)))
            .Select(e => e.Descriptor.Name).Order(StringComparer.Ordinal));
        return new RuleViolationException(
            $"Provider '{descriptor.Name}' ({descriptor.DisplayName}) is listed for its capabilities and prices, but its client is not built yet"
            + (flag == ProviderCapabilities.None ? "" : $", so it cannot do {CapabilityName(flag)}")
            + $". Providers that can: {(working.Length == 0 ? "none" : working)}.");
    }

    private static string CapabilityName(ProviderCapabilities flag) => flag switch
    {
        ProviderCapabilities.ReferenceGeneration => "generation from references",
        ProviderCapabilities.Training => "training",
        ProviderCapabilities.TrainedGeneration => "generation with a trained identity",
        ProviderCapabilities.ElementVideo => "video from elements",
        _ => flag.ToString(),
    };
}
