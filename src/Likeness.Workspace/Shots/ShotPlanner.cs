using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Workspace.Identity;

namespace Likeness.Workspace.Shots;

/// <summary>
/// Turns "a shot of this character at this provider, this scene" into what <see cref="ShotRunner"/> takes: the identity
/// to use and the request with the prompt built for it. The CLI's <c>generate</c> and the server's generate and
/// estimate routes share it.
/// </summary>
public sealed class ShotPlanner(IdentityManager identities, ProviderRegistry providers)
{
    /// <summary>
    /// The character's identity in use at <paramref name="provider"/> (the best validated ready version, else the
    /// newest ready one); without one, an instant (reference) identity
    /// for a provider that needs no training, or a not-found error for one that does.
    /// </summary>
    public async Task<IdentityModel> IdentityForAsync(Character character, string provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        return await identities.InUseAsync(character.Id, provider, cancellationToken).ConfigureAwait(false)
            ?? await CreateInstantAsync(character, provider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The kind of identity a shot at <paramref name="provider"/> would use, without making one (for a dry run): the
    /// one in use's, else reference for a provider that needs no training; a training provider without a ready
    /// identity is a not-found error.
    /// </summary>
    public async Task<IdentityModelKind> KindForAsync(Character character, string provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        if (await identities.InUseAsync(character.Id, provider, cancellationToken).ConfigureAwait(false) is { } ready)
        {
            return ready.Kind;
        }

        RequireInstant(character, provider);
        return IdentityModelKind.Reference;
    }

    /// <summary>
    /// The request for one shot: <paramref name="scene"/> (or <paramref name="scenario"/>'s scene) with the character's
    /// profile in the dialect <paramref name="kind"/> at <paramref name="provider"/> needs, sized for the aspect ratio
    /// (default: the scenario's, else 1:1); <paramref name="companions"/> are the other characters in the frame.
    /// </summary>
    public ShotRequest Request(
        Character character, IdentityModel? identity, string provider, IdentityModelKind kind, string? scene, Scenario? scenario, string? aspectRatio, long seed,
        IReadOnlyList<Character>? companions = null)
    {
        ArgumentNullException.ThrowIfNull(character);
        if ((scene is null) == (scenario is null))
        {
            throw new InvalidInputException("Give exactly one of a prompt and a scenario.", "prompt");
        }

        if (scene is not null && string.IsNullOrWhiteSpace(scene))
        {
            throw new InvalidInputException("The prompt is empty: say what the shot shows.", "prompt");
        }

        PromptDialect dialect = kind == IdentityModelKind.Trained ? providers.Get(provider).Descriptor.TrainedDialect : PromptDialect.Reference;
        // LoRA dialects name the identity's weights; the provider sends them from the identity's artifacts.
        LoraReference[] loras = identity is null ? [] : [.. identity.Artifacts.Where(a => a.Kind == IdentityArtifactKind.Weights).Select(a => new LoraReference(a.SourceUri ?? a.Sha256))];
        BuiltPrompt built = PromptBuilder.Build(character, scene ?? scenario!.Scene, dialect, loras);
        string ratio = aspectRatio ?? scenario?.AspectRatio ?? "1:1";
        (int width, int height) = StandardScenarios.SizeFor(ratio);
        companions ??= [];
        return new ShotRequest
        {
            Prompt = WithCompanions(built.Prompt, companions),
            Companions = [.. companions.Select(o => o.Id)],
            NegativePrompt = built.NegativePrompt,
            Scenario = scenario?.Name,
            AspectRatio = ratio,
            Width = width,
            Height = height,
            Seed = seed,
        };
    }

    /// <summary>
    /// <paramref name="prompt"/> naming each companion by its trigger, so a provider that reads the prompt knows who else
    /// is in the frame; unchanged without companions.
    /// </summary>
    public static string WithCompanions(string prompt, IReadOnlyList<Character> companions)
    {
        ArgumentNullException.ThrowIfNull(companions);
        return companions.Count == 0 ? prompt : $"{prompt}, together with {string.Join(" and ", companions.Select(o => o.TriggerToken))}";
    }

    /// <summary>What <paramref name="request"/> would cost at <paramref name="provider"/> with an identity of <paramref name="kind"/>, in USD.</summary>
    public decimal Estimate(string provider, IdentityModelKind kind, ShotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return ShotPrice.Estimate(providers.Describe(provider), kind, request);
    }

    private async Task<IdentityModel> CreateInstantAsync(Character character, string provider, CancellationToken cancellationToken)
    {
        RequireInstant(character, provider);
        return await identities.EnsureAsync(character, provider, IdentityModelKind.Reference, null, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private void RequireInstant(Character character, string provider)
    {
        if (providers.Get(provider).Descriptor.Capabilities.HasFlag(ProviderCapabilities.Training))
        {
            throw new NotFoundException(EntityKind.Identity, provider, $"{character.Name} has no ready identity at {provider}.") { Character = character.Name, Provider = provider };
        }
    }
}
