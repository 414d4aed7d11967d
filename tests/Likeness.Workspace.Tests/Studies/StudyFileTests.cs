using Likeness.Core.Providers;
using Likeness.Providers.Sim;
using Likeness.Testing;
using Likeness.Workspace.Paths;
using Likeness.Workspace.Studies.Definition;

namespace Likeness.Workspace.Tests.Studies;

public sealed class StudyFileTests
{
    private static readonly string Samples = Path.Combine(RepoPaths.Root, "samples");

    [Fact]
    public async Task The_shipped_poc_study_reads_as_the_seeds_plan()
    {
        StudyDefinition study = await StudyFile.LoadAsync(Path.Combine(Samples, "studies", "consistency-poc.yaml"), new PathRoots([Path.Combine(Samples, "cast")]));
        Assert.Equal(["close-up-portrait", "wide-full-body-outdoor", "profile", "low-light", "action"], study.Scenarios.Select(s => s.Name));
        Assert.Equal(3, study.Variations);
        Assert.Equal(["sim-lora", "sim-instant", "sim-reference"], study.Providers.Select(p => p.Label));
        Assert.Equal(Path.Combine(Samples, "cast"), study.Cast);
        Assert.Equal(0.30, study.ScorecardWeights!["consistency"]);
        Assert.All(study.Scenarios, s => Assert.Equal(0.95, s.ExpectedThreshold));
        Assert.Equal("3:4", study.Scenarios[0].AspectRatio);
    }

    [Fact]
    public void Fields_left_out_take_the_definitions_defaults()
    {
        StudyDefinition study = StudyFile.Parse("name: s\ncharacters: [a]\nproviders: [sim-lora]\n", "s.yaml", "/tmp");
        var defaults = new StudyDefinition { Name = "s", Scenarios = StudyScenario.Standard, Providers = [] };
        Assert.Equal(
            (defaults.Variations, defaults.BaseSeed, defaults.Megapixels, defaults.TargetFalseAcceptRate, defaults.ScorecardWeights, defaults.ProjectionCharacters),
            (study.Variations, study.BaseSeed, study.Megapixels, study.TargetFalseAcceptRate, study.ScorecardWeights, study.ProjectionCharacters));
        Assert.Equal((3, 42L, 1.0, 0.01, 10), (study.Variations, study.BaseSeed, study.Megapixels, study.TargetFalseAcceptRate, study.ProjectionCharacters));
        Assert.Equal(StudyScenario.Standard, study.Scenarios);
    }

    [Fact]
    public void Json_is_read_like_yaml_with_custom_scenarios_and_parameters()
    {
        const string json = """
            {
              "name": "json study",
              "characters": ["Ada"],
              "scenarios": ["profile", { "name": "rooftop", "scene": "on a rooftop at dusk", "aspect_ratio": "16:9", "expected_threshold": 0.9 }],
              "variations": 2,
              "providers": [{ "provider": "sim-lora", "label": "lora-fast", "approach": "trained", "parameters": { "steps": 12, "guidance": 2.5 } }],
              "megapixels": 0.25
            }
            """;
        StudyDefinition study = StudyFile.Parse(json, "s.json", "/tmp");
        Assert.Equal("rooftop", study.Scenarios[1].Name);
        Assert.Equal(0.9, study.Scenarios[1].ExpectedThreshold);
        Assert.Equal("lora-fast", study.Providers[0].Label);
        Assert.Equal("12", study.Providers[0].Parameters["steps"]);
        Assert.Equal((640, 384), study.Scenarios[1].SizeAt(0.25));
    }

    [Fact]
    public void A_scenario_with_companions_names_the_other_characters_in_the_frame()
    {
        StudyDefinition study = StudyFile.Parse(
            "name: s\ncharacters: [Ada]\nproviders: [sim-instant]\nscenarios:\n  - profile\n  - { name: close-up-portrait, with: [Bob] }\n  - { name: duo, scene: side by side, aspect_ratio: \"2:1\", with: [Bob, Cy] }\n",
            "s.yaml",
            "/tmp");
        Assert.Empty(study.Scenarios[0].With);
        Assert.Equal(["Bob"], study.Scenarios[1].With);
        Assert.Equal(StudyScenario.Standard[0].Scene, study.Scenarios[1].Scene);
        Assert.Equal(["Bob", "Cy"], study.Scenarios[2].With);
    }

    [Fact]
    public void A_gate_keeps_N_per_cell_within_attempts_and_money_with_three_times_N_attempts_by_default()
    {
        StudyDefinition study = StudyFile.Parse("name: s\ncharacters: [a]\nproviders: [sim-lora]\ngate: { keep: 2, max_cost: 0.5 }\n", "s.yaml", "/tmp");
        Assert.Equal(new Core.Studies.Gating.StudyGate(2, 6, 0.5m), study.Gate);
        Assert.Null(StudyFile.Parse("name: s\ncharacters: [a]\nproviders: [sim-lora]\n", "s.yaml", "/tmp").Gate);
    }

    [Fact]
    public void Seeds_are_deterministic_shared_by_providers_and_differ_by_variation()
    {
        StudyDefinition study = StudyFile.Parse("name: s\ncharacters: [a]\nproviders: [sim-lora]\n", "s.yaml", "/tmp");
        Assert.Equal(study.SeedFor("profile", 1), (study with { Providers = [] }).SeedFor("profile", 1));
        Assert.NotEqual(study.SeedFor("profile", 1), study.SeedFor("profile", 2));
        Assert.NotEqual(study.SeedFor("profile", 1), (study with { BaseSeed = 7 }).SeedFor("profile", 1));
        Assert.Equal(5, study.Scenarios.Count);
    }

    [Theory]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nvariatons: 3\n", 4, "variatons", "unknown field")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nscenarios:\n  - profile\n  - { name: roof, scene: x, aspect_ratio: \"9-16\" }\n", 6, "scenarios[1].aspect_ratio", "16:9")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nscenarios: [profile, portrait]\n", 4, "scenarios[1]", "unknown standard scenario 'portrait'")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nscenarios: [profile, profile]\n", 4, "scenarios[1]", "appears twice")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nvariations: 0\n", 4, "variations", "between 1 and 1000")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\ntarget_false_accept_rate: lots\n", 4, "target_false_accept_rate", "expected a number")]
    [InlineData("name: s\ncharacters: [a]\n", 1, "(study)", "needs providers")]
    [InlineData("name: s\nproviders: [sim-lora]\n", 1, "(study)", "needs characters")]
    [InlineData("name: s\ncharacters: [a]\nproviders:\n  - provider: sim-lora\n    approach: lora\n", 5, "providers[0].approach", "'trained' or 'reference'")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora, sim-lora]\n", 3, "providers[1]", "appears twice")]
    [InlineData("name: s\ncharacters: [a]\nproviders:\n  - provider: sim-lora\n    parameters: { seed: 4 }\n", 5, "providers[0].parameters.seed", "unknown field")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nscorecard_weights: { consistency: 0.5, cost: 0.2 }\n", 4, "scorecard_weights", "sum to 1 (they sum to 0.7)")]
    [InlineData("name: s\ncharacters: [a\nproviders: [sim-lora]\n", 2, "(syntax)", "not valid YAML or JSON")]
    [InlineData("name: s\nproviders: [sim-lora]\ncharacters:\n  - name: [a\n   b: c\n", 4, "(syntax)", "not valid YAML or JSON")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\ngate: { keep: 2, max_attempts: 6 }\n", 4, "gate", "needs max_cost")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\ngate: { keep: 3, max_attempts: 2, max_cost: 1 }\n", 4, "gate.max_attempts", "between 3 and 10000")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nvariations: 2\ngate: { keep: 2, max_cost: 1 }\n", 5, "gate", "leave variations out")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nscenarios:\n  - { name: profile, with: [b, B] }\n", 5, "scenarios[0].with[1]", "'B' appears twice")]
    [InlineData("name: s\ncharacters: [a]\nproviders: [sim-lora]\nscenarios:\n  - { name: profile, with: [] }\n", 5, "scenarios[0].with", "the list is empty")]
    public void Bad_files_fail_with_the_line_and_the_field(string yaml, int line, string field, string message)
    {
        var error = Assert.Throws<StudyFileException>(() => StudyFile.Parse(yaml, "bad.yaml", "/tmp"));
        if (line > 0)
        {
            Assert.Equal(line, error.Line);
            Assert.StartsWith($"bad.yaml:{line}: ", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Providers_are_checked_against_the_registry_with_their_line()
    {
        using var folder = new TempFolder();
        using var sims = new SimProvider(SimProfile.Instant, new SimOptions { StateDirectory = folder.Path }, new NoDistractors(), null, TimeProvider.System);
        var registry = new ProviderRegistry([sims]);
        StudyDefinition unknown = StudyFile.Parse("name: s\ncharacters: [a]\nproviders:\n  - sim-instant\n  - dall-e\n", "p.yaml", "/tmp");
        var error = Assert.Throws<StudyFileException>(() => StudyProviderPlan.For(unknown, registry));
        Assert.Equal("p.yaml:5: providers[1]: unknown provider 'dall-e'; known: sim-instant.", error.Message);
        StudyDefinition untrainable = StudyFile.Parse("name: s\ncharacters: [a]\nproviders: [{ provider: sim-instant, approach: trained }]\n", "p.yaml", "/tmp");
        Assert.Contains("cannot train", Assert.Throws<StudyFileException>(() => StudyProviderPlan.For(untrainable, registry)).Message, StringComparison.Ordinal);
        StudyProviderPlan plan = Assert.Single(StudyProviderPlan.For(StudyFile.Parse("name: s\ncharacters: [a]\nproviders: [sim-instant]\n", "p.yaml", "/tmp"), registry));
        Assert.Equal(Core.Identity.IdentityModelKind.Reference, plan.Kind);

        // Two entries that would send the same requests to the same identity are one entry twice.
        StudyDefinition twins = StudyFile.Parse("name: s\ncharacters: [a]\nproviders:\n  - sim-instant\n  - { provider: sim-instant, label: again, approach: reference }\n", "p.yaml", "/tmp");
        Assert.Equal(
            "p.yaml:5: providers[1]: repeats providers[0] (same provider, approach and parameters), so its shots would be the same shots.",
            Assert.Throws<StudyFileException>(() => StudyProviderPlan.For(twins, registry)).Message);

        // Different parameters compare settings of one identity: allowed.
        StudyDefinition settings = StudyFile.Parse("name: s\ncharacters: [a]\nproviders:\n  - sim-instant\n  - { provider: sim-instant, label: more-steps, parameters: { steps: 40 } }\n", "p.yaml", "/tmp");
        Assert.Equal(2, StudyProviderPlan.For(settings, registry).Count);
    }

    [Fact]
    public void A_sweep_expands_one_entry_into_a_labelled_column_per_value()
    {
        StudyDefinition study = StudyFile.Parse(
            "name: s\ncharacters: [a]\nproviders:\n  - sim-instant\n  - provider: stability\n    parameters: { steps: 30 }\n    sweep: { parameter: strength, values: [0.2, 0.35, 0.7] }\n", "s.yaml", "/tmp");

        Assert.Equal(["sim-instant", "stability strength=0.2", "stability strength=0.35", "stability strength=0.7"], study.Providers.Select(p => p.Label));
        StudyProvider middle = study.Providers[2];
        Assert.Equal(new Core.Studies.StudySweepPoint("stability", "strength", 0.35), middle.Sweep);
        Assert.Equal("0.35", middle.Parameters["strength"]);
        Assert.Equal("30", middle.Parameters["steps"]);
        Assert.Null(study.Providers[0].Sweep);

        Core.Shots.ShotRequest request = StudyShotParameters.Apply(new Core.Shots.ShotRequest { Prompt = "x" }, middle.Parameters);
        Assert.Equal("0.35", request.ProviderParameters["strength"]);
        Assert.Equal(30, request.Steps);
        Assert.False(request.ProviderParameters.ContainsKey("steps"));
    }

    [Theory]
    [InlineData("sweep: { parameter: steps, values: [10, 20] }", "'steps' cannot be swept")]
    [InlineData("sweep: { parameter: strength, values: [0.2] }", "at least two different values")]
    [InlineData("sweep: { parameter: strength, values: [0.2, 1.5] }", "1.5")]
    [InlineData("sweep: { values: [0.2, 0.3] }", "a sweep needs a parameter")]
    [InlineData("parameters: { strength: 0.3 }\n    sweep: { parameter: strength, values: [0.2, 0.5] }", "both a fixed parameter and swept")]
    public void Bad_sweeps_are_refused_with_the_line(string sweep, string expected)
    {
        var error = Assert.Throws<StudyFileException>(() => StudyFile.Parse($"name: s\ncharacters: [a]\nproviders:\n  - provider: stability\n    {sweep}\n", "s.yaml", "/tmp"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("s.yaml:", error.Message, StringComparison.Ordinal);
    }

    private sealed class NoDistractors : ISimDistractorSource
    {
        public Task<IReadOnlyList<ReferencePhoto>> DistractorsForAsync(string characterKey, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ReferencePhoto>>([]);
    }
}
