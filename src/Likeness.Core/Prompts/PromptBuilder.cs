using System.Globalization;
using System.Text;
using Likeness.Core.Characters;

namespace Likeness.Core.Prompts;

/// <summary>
/// Builds prompts in the order diffusion models weigh most: identity (trigger token or name), physical
/// traits, the scene, then style and quality. The negative prompt gathers the character's negatives and the
/// usual defects.
/// </summary>
public static class PromptBuilder
{
    /// <summary>Negative terms every prompt gets.</summary>
    public static IReadOnlyList<string> DefaultNegative { get; } = ["deformed", "extra fingers", "blurry face", "different person"];

    private const string Quality = "highly detailed, sharp focus";

    /// <summary>Builds the prompt for <paramref name="scene"/> in the given dialect.</summary>
    public static BuiltPrompt Build(Character character, string scene, PromptDialect dialect, IReadOnlyList<LoraReference>? loras = null)
    {
        ArgumentNullException.ThrowIfNull(character);
        if (string.IsNullOrWhiteSpace(scene))
        {
            throw new InvalidInputException("A shot needs a scene: the prompt is empty.", "prompt");
        }

        loras ??= [];
        // Astria may go without tags: its provider names the identity's own tune when the prompt names none.
        if (dialect is PromptDialect.FalLora && loras.Count == 0)
        {
            throw new RuleViolationException($"A {dialect} prompt needs at least one LoRA.");
        }

        CharacterProfile profile = character.Profile;
        var parts = new List<string>();
        string identity = dialect switch
        {
            PromptDialect.Reference => character.Name,
            PromptDialect.KlingElements => "@Element1",
            _ => character.TriggerToken,
        };
        parts.Add(string.IsNullOrWhiteSpace(profile.CoreIdentity) ? identity : $"{identity}, {profile.CoreIdentity.Trim()}");
        parts.AddRange(profile.PhysicalTraits.Select(t => t.Trim()).Where(t => t.Length > 0));
        parts.Add(scene.Trim());
        if (!string.IsNullOrWhiteSpace(profile.Style))
        {
            parts.Add(profile.Style.Trim());
        }

        parts.Add(Quality);
        string prompt = string.Join(", ", parts);
        if (dialect == PromptDialect.Astria)
        {
            var tags = new StringBuilder();
            foreach (LoraReference lora in loras)
            {
                tags.Append(CultureInfo.InvariantCulture, $"<lora:{lora.Path}:{lora.Scale:0.0##}> ");
            }

            prompt = tags + prompt;
        }

        string negative = string.Join(", ", profile.Negative.Select(n => n.Trim()).Where(n => n.Length > 0).Concat(DefaultNegative).Distinct(StringComparer.OrdinalIgnoreCase));
        return new BuiltPrompt(prompt, negative, dialect == PromptDialect.FalLora ? loras : []);
    }
}
