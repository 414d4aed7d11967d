using Likeness.Core.Characters;
using Likeness.Core.Prompts;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;

namespace Likeness.Core.Tests;

public sealed class PromptAndShotTests
{
    private static Character Mara() => Character.Create(
        Guid.NewGuid(), "Mara", null,
        new CharacterProfile
        {
            CoreIdentity = "a woman in her thirties with short black hair",
            PhysicalTraits = ["green eyes", "scar above the left eyebrow"],
            Style = "35mm film photo",
            Negative = ["glasses", "blurry face"],
        },
        "maraqzx", TimeProvider.System);

    [Fact]
    public void Prompts_put_identity_traits_scene_then_style()
    {
        BuiltPrompt p = PromptBuilder.Build(Mara(), StandardScenarios.Profile.Scene, PromptDialect.Reference);
        Assert.Equal(
            "Mara, a woman in her thirties with short black hair, green eyes, scar above the left eyebrow, side profile view, face turned 90 degrees, clean background, 35mm film photo, highly detailed, sharp focus",
            p.Prompt);
        Assert.Equal("glasses, blurry face, deformed, extra fingers, different person", p.NegativePrompt);
        Assert.Empty(p.Loras);
    }

    [Fact]
    public void Each_provider_dialect_names_the_identity_its_way()
    {
        LoraReference lora = new("https://v3.fal.media/files/x/lora.safetensors", 0.9);
        BuiltPrompt fal = PromptBuilder.Build(Mara(), "on a beach", PromptDialect.FalLora, [lora]);
        Assert.StartsWith("maraqzx, ", fal.Prompt, StringComparison.Ordinal);
        Assert.Equal([lora], fal.Loras);

        BuiltPrompt astria = PromptBuilder.Build(Mara(), "on a beach", PromptDialect.Astria, [new LoraReference("1504944", 1), new LoraReference("77", 0.25)]);
        Assert.StartsWith("<lora:1504944:1.0> <lora:77:0.25> maraqzx, ", astria.Prompt, StringComparison.Ordinal);
        Assert.Empty(astria.Loras);
        // Without tags the Astria provider adds the identity's own tune.
        Assert.StartsWith("maraqzx, ", PromptBuilder.Build(Mara(), "x", PromptDialect.Astria).Prompt, StringComparison.Ordinal);

        Assert.StartsWith("maraqzx, ", PromptBuilder.Build(Mara(), "x", PromptDialect.ReplicateTrigger).Prompt, StringComparison.Ordinal);
        Assert.StartsWith("@Element1, ", PromptBuilder.Build(Mara(), "x", PromptDialect.KlingElements).Prompt, StringComparison.Ordinal);
        Assert.Throws<RuleViolationException>(() => PromptBuilder.Build(Mara(), "x", PromptDialect.FalLora));
    }

    [Fact]
    public void Cache_keys_ignore_whitespace_but_not_parameters()
    {
        Guid id = Guid.NewGuid();
        var a = new ShotRequest { Prompt = "a  portrait\n of Mara", Seed = 7 };
        string key = ShotCacheKey.Compute(id, 1, "sim-lora", a);
        Assert.Equal(key, ShotCacheKey.Compute(id, 1, "SIM-LORA ", a with { Prompt = " a portrait of  Mara " }));
        Assert.NotEqual(key, ShotCacheKey.Compute(id, 1, "sim-lora", a with { Seed = 8 }));
        Assert.NotEqual(key, ShotCacheKey.Compute(id, 2, "sim-lora", a));
        Assert.NotEqual(key, ShotCacheKey.Compute(id, 1, "sim-lora", a with { Guidance = 3.5 }));
        Assert.NotEqual(key, ShotCacheKey.Compute(id, 1, "sim-lora", a with { Width = 512 }));
    }

    [Theory]
    [InlineData("1:1", 1024, 1024)]
    [InlineData("16:9", 1344, 768)]
    [InlineData("3:4", 896, 1152)]
    public void Scenario_sizes_are_about_a_megapixel_in_multiples_of_64(string ratio, int w, int h) =>
        Assert.Equal((w, h), StandardScenarios.SizeFor(ratio));

    [Fact]
    public void Shots_validate_requests_and_finish_once()
    {
        Assert.Throws<InvalidInputException>(() => new ShotRequest { Prompt = "x", Count = 9 }.Validate());
        Assert.Throws<InvalidInputException>(() => new ShotRequest { Prompt = "x", Width = 10 }.Validate());
        Assert.Throws<InvalidInputException>(() => StandardScenarios.SizeFor("wide"));
        Assert.Throws<NotFoundException>(() => StandardScenarios.Get("underwater"));
        Shot shot = Shot.Create(Guid.NewGuid(), Guid.NewGuid(), "sim-lora", new ShotRequest { Prompt = "x" }, "k", TimeProvider.System);
        Assert.Throws<RuleViolationException>(() => shot.Succeed([], null, 1, 0, true, new Dictionary<string, string>(), TimeProvider.System));
        shot.Succeed([new string('b', 64)], "req", 12.5, 0.03m, true, new Dictionary<string, string>(), TimeProvider.System);
        Assert.Equal(ShotStatus.Succeeded, shot.Status);
        Assert.Throws<RuleViolationException>(() => shot.Fail("late", null, TimeProvider.System));
    }
}
