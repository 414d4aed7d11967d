namespace Likeness.Core.Providers;

/// <summary>A generation provider. Each capability is a separate interface a provider implements or not.</summary>
public interface IProvider
{
    /// <summary>What the provider is and can do.</summary>
    ProviderDescriptor Descriptor { get; }
}
