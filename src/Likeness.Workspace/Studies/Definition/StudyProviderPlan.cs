using Likeness.Core.Identity;
using Likeness.Core.Providers;

namespace Likeness.Workspace.Studies.Definition;

/// <summary>A study's provider entry checked against the registered providers: its descriptor and the identity kind it uses.</summary>
/// <param name="Entry">The entry of the study file.</param>
/// <param name="Descriptor">The provider's descriptor.</param>
/// <param name="Kind">Trained or reference.</param>
public sealed record StudyProviderPlan(StudyProvider Entry, ProviderDescriptor Descriptor, IdentityModelKind Kind)
{
    /// <summary>Checks every entry of <paramref name="study"/>: the provider exists, has its key, and offers the approach.</summary>
    public static IReadOnlyList<StudyProviderPlan> For(StudyDefinition study, ProviderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(registry);
        var plans = new List<StudyProviderPlan>();
        for (int i = 0; i < study.Providers.Count; i++)
        {
            StudyProvider entry = study.Providers[i];
            StudyFileException Error(string problem) => new(study.SourceFile, entry.SourceLine, $"providers[{i}]", problem);
            ProviderDescriptor? descriptor = registry.Descriptors.FirstOrDefault(d => d.Name.Equals(entry.Provider, StringComparison.OrdinalIgnoreCase))
                ?? throw Error($"unknown provider '{entry.Provider}'; known: {string.Join(", ", registry.Descriptors.Select(d => d.Name))}.");
            if (!descriptor.IsAvailable)
            {
                throw Error($"{descriptor.DisplayName} needs its API key in {descriptor.KeyVariable}.");
            }

            bool trains = descriptor.Capabilities.HasFlag(ProviderCapabilities.Training) && descriptor.Capabilities.HasFlag(ProviderCapabilities.TrainedGeneration);
            bool references = descriptor.Capabilities.HasFlag(ProviderCapabilities.ReferenceGeneration);
            IdentityModelKind kind = entry.Approach switch
            {
                "trained" => trains ? IdentityModelKind.Trained : throw Error($"{descriptor.DisplayName} cannot train an identity."),
                "reference" => references ? IdentityModelKind.Reference : throw Error($"{descriptor.DisplayName} cannot generate from references."),
                _ => trains ? IdentityModelKind.Trained : references ? IdentityModelKind.Reference : throw Error($"{descriptor.DisplayName} makes no still images of a character."),
            };
            var plan = new StudyProviderPlan(entry, descriptor, kind);
            int twin = plans.FindIndex(p => p.SameShotsAs(plan));
            if (twin >= 0)
            {
                throw Error($"repeats providers[{twin}] (same provider, approach and parameters), so its shots would be the same shots.");
            }

            plans.Add(plan);
        }

        return plans;
    }

    /// <summary>True when both plans would send the same requests to the same identity.</summary>
    private bool SameShotsAs(StudyProviderPlan other) =>
        Descriptor.Name.Equals(other.Descriptor.Name, StringComparison.OrdinalIgnoreCase) && Kind == other.Kind
        && Entry.Parameters.Count == other.Entry.Parameters.Count
        && Entry.Parameters.All(p => other.Entry.Parameters.TryGetValue(p.Key, out string? value) && value == p.Value);

    /// <summary>The provider's app for generating with this identity kind.</summary>
    public string GenerationApp => Descriptor.AppFor(Shots.ShotPrice.CapabilityOf(Kind));
}
