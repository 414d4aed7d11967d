using System.Globalization;
using Likeness.Core.Gates;
using Likeness.Core.Scenarios;
using Likeness.Core.Studies.Decisions;
using Likeness.Core.Studies.Gating;
using Likeness.Core.Studies.Scorecard;
using Likeness.Core.Studies.Videos;
using Likeness.Workspace.Paths;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Likeness.Workspace.Studies.Definition;

/// <summary>
/// Reads a study file (YAML, or JSON, which is read as YAML) into a <see cref="StudyDefinition"/>, checking every
/// field; errors name the file, the line and the field. docs/studies.md describes the format.
/// </summary>
public static class StudyFile
{
    private static readonly string[] TopLevel =
        ["name", "characters", "cast", "scenarios", "variations", "base_seed", "providers", "megapixels", "target_false_accept_rate", "scorecard_weights", "projection_characters", "gate", "success_criteria", "projection_scales", "training_amortisation_months", "video"];

    /// <summary>
    /// Reads and checks the study file at <paramref name="path"/>; a relative cast folder is relative to the file. The
    /// cast folder must lie in the file's folder or one of <paramref name="roots"/> (the home, folders typed on the
    /// command line).
    /// </summary>
    public static async Task<StudyDefinition> LoadAsync(string path, PathRoots? roots = null, CancellationToken cancellationToken = default)
    {
        string text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", roots);
    }

    /// <summary>Parses and checks study text; <paramref name="file"/> names it in errors; the cast folder must lie in <paramref name="baseFolder"/> or <paramref name="roots"/>.</summary>
    public static StudyDefinition Parse(string text, string file, string baseFolder, PathRoots? roots = null) =>
        Parse(text, file, baseFolder, roots, castAllowed: true);

    /// <summary>
    /// Parses and checks study text sent from elsewhere (the server's API), whose cast is the characters it names:
    /// a <c>cast</c> folder is a path on the machine that reads it and is refused with an error naming the field,
    /// before anything looks at that path.
    /// </summary>
    public static StudyDefinition ParseSent(string text, string file) => Parse(text, file, ".", null, castAllowed: false);

    private static StudyDefinition Parse(string text, string file, string baseFolder, PathRoots? roots, bool castAllowed)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            throw new StudyFileException(file, (int)ex.Start.Line, "(syntax)", ex.InnerException?.Message ?? ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // The scanner reports some malformed flow collections this way, without a position: the last event
            // parsed is where it went wrong.
            int line = parser.Current is { } last ? (int)last.End.Line : 1;
            throw new StudyFileException(file, Math.Max(line, 1), "(syntax)", "not valid YAML or JSON here (an unclosed [ ] or { }, or a stray character?).", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new StudyFileException(file, 0, "(file)", "the study file is empty.");
        }

        var root = new StudyNode(file, string.Empty, stream.Documents[0].RootNode);
        var fields = root.Mapping(TopLevel);
        if (!fields.TryGetValue("name", out StudyNode? name))
        {
            throw root.Error("a study needs a name (name: ...).");
        }

        IReadOnlyList<string> characters = fields.TryGetValue("characters", out StudyNode? c) ? [.. c.Sequence().Select(n => n.String())] : [];
        if (!castAllowed && fields.TryGetValue("cast", out StudyNode? sentCast))
        {
            throw sentCast.Error("a cast folder is a path on the server; name the project's characters instead (characters: [Ada, ...]).");
        }

        string? cast = fields.TryGetValue("cast", out StudyNode? castNode) ? Confined(castNode, baseFolder, (roots ?? new PathRoots([])).With(baseFolder)) : null;
        if (characters.Count == 0 && cast is null)
        {
            throw root.Error("a study needs characters (names of workspace characters) or a cast folder to import.");
        }

        if (cast is not null && !File.Exists(Path.Combine(cast, "cast.json")))
        {
            throw castNode!.Error($"no cast.json in {cast}.");
        }

        if (!fields.TryGetValue("providers", out StudyNode? providersNode))
        {
            throw root.Error("a study needs providers to compare (providers: [sim-lora, ...]).");
        }

        IReadOnlyList<StudyScenario> scenarios = fields.TryGetValue("scenarios", out StudyNode? s) ? Scenarios(s) : StudyScenario.Standard;
        IReadOnlyList<StudyProvider> providers = Providers(providersNode);

        // A field left out keeps StudyDefinition's own default, so the defaults live in one place.
        var study = new StudyDefinition
        {
            SourceFile = file,
            Name = name.String(),
            Characters = characters,
            Cast = cast,
            Scenarios = scenarios,
            Providers = providers,
        };
        return study with
        {
            Variations = fields.TryGetValue("variations", out StudyNode? v) ? (int)v.Integer(1, 1000) : study.Variations,
            BaseSeed = fields.TryGetValue("base_seed", out StudyNode? b) ? b.Integer(0, int.MaxValue) : study.BaseSeed,
            Megapixels = fields.TryGetValue("megapixels", out StudyNode? m) ? m.Number(0.01, 4) : study.Megapixels,
            TargetFalseAcceptRate = fields.TryGetValue("target_false_accept_rate", out StudyNode? f) ? f.Number(0.0001, 0.5) : study.TargetFalseAcceptRate,
            ScorecardWeights = fields.TryGetValue("scorecard_weights", out StudyNode? w) ? Weights(w) : study.ScorecardWeights,
            ProjectionCharacters = fields.TryGetValue("projection_characters", out StudyNode? p) ? (int)p.Integer(1, 1_000_000) : study.ProjectionCharacters,
            Gate = fields.TryGetValue("gate", out StudyNode? g) ? Gate(g, fields.ContainsKey("variations")) : null,
            SuccessCriteria = fields.TryGetValue("success_criteria", out StudyNode? sc) ? Criteria(sc) : null,
            ProjectionScales = fields.TryGetValue("projection_scales", out StudyNode? ps) ? Scales(ps) : null,
            TrainingAmortisationMonths = fields.TryGetValue("training_amortisation_months", out StudyNode? am) ? (int)am.Integer(1, 120) : null,
            Video = fields.TryGetValue("video", out StudyNode? vi) ? Video(vi) : null,
        };
    }

    /// <summary><c>success_criteria: {identity_rate, seconds_per_shot, usd_per_image}</c>; a key left out keeps the seeds' bound.</summary>
    private static SuccessCriteria Criteria(StudyNode node)
    {
        var fields = node.Mapping("identity_rate", "seconds_per_shot", "usd_per_image");
        var criteria = new SuccessCriteria();
        return criteria with
        {
            IdentityRate = fields.TryGetValue("identity_rate", out StudyNode? i) ? i.Number(0, 1) : criteria.IdentityRate,
            SecondsPerShot = fields.TryGetValue("seconds_per_shot", out StudyNode? s) ? s.Number(0.001, 86_400) : criteria.SecondsPerShot,
            UsdPerImage = fields.TryGetValue("usd_per_image", out StudyNode? u) ? (decimal)u.Number(0.000001, 1_000) : criteria.UsdPerImage,
        };
    }

    /// <summary><c>projection_scales: [{characters, generations_per_month}, ...]</c>.</summary>
    private static List<ProjectionScale> Scales(StudyNode node)
    {
        var result = new List<ProjectionScale>();
        foreach (StudyNode item in node.Sequence())
        {
            var fields = item.Mapping("characters", "generations_per_month");
            result.Add(new ProjectionScale(
                fields.TryGetValue("characters", out StudyNode? c) ? (int)c.Integer(1, 1_000_000) : throw item.Error("a scale needs characters."),
                fields.TryGetValue("generations_per_month", out StudyNode? g) ? (int)g.Integer(1, 1_000_000_000) : throw item.Error("a scale needs generations_per_month.")));
        }

        return result.Count > 0 ? result : throw node.Error("the list of scales is empty; leave it out for the seeds' three.");
    }

    /// <summary><c>gate: {keep, max_attempts, max_cost}</c>, per (character, provider, scenario) cell.</summary>
    private static StudyGate Gate(StudyNode node, bool variations)
    {
        if (variations)
        {
            throw node.Error("a gated study keeps gate.keep shots per cell, so variations has no meaning; leave variations out.");
        }

        var fields = node.Mapping("keep", "max_attempts", "max_cost", "preview");
        int keep = fields.TryGetValue("keep", out StudyNode? k) ? (int)k.Integer(1, 1000) : throw node.Error("a gate needs keep (shots to keep per cell).");
        int attempts = fields.TryGetValue("max_attempts", out StudyNode? a) ? (int)a.Integer(keep, 10_000) : keep * 3;
        decimal cost = fields.TryGetValue("max_cost", out StudyNode? c)
            ? (decimal)c.Number(0.000001, 100_000)
            : throw node.Error("a gate needs max_cost (dollars per cell): the cap is what makes re-rolling safe.");
        GatePreview preview = !fields.TryGetValue("preview", out StudyNode? p) ? GatePreview.None : p.String().ToLowerInvariant() switch
        {
            "drafts" => GatePreview.Drafts,
            "check" => GatePreview.Check,
            "none" => GatePreview.None,
            _ => throw p.Error("preview must be 'drafts' (full shots only for accepted drafts), 'check' (a full shot for every draft) or 'none'."),
        };
        return new StudyGate(keep, attempts, cost) { Preview = preview };
    }

    /// <summary>The node's path, resolved against the file's folder, if it lies in an allowed folder; else an error at its line.</summary>
    private static string Confined(StudyNode node, string baseFolder, PathRoots roots)
    {
        try
        {
            return roots.Resolve(node.String(), baseFolder, "cast");
        }
        catch (Core.InvalidInputException ex)
        {
            throw node.Error(ex.Message["cast: ".Length..]);
        }
    }

    private static List<StudyScenario> Scenarios(StudyNode node)
    {
        var result = new List<StudyScenario>();
        foreach (StudyNode item in node.Sequence())
        {
            StudyScenario scenario;
            if (item.IsScalar)
            {
                string name = item.String();
                scenario = StudyScenario.Standard.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                    ?? throw item.Error($"unknown standard scenario '{name}'; known: {string.Join(", ", StandardScenarios.All.Select(x => x.Name))} (or give name, scene and aspect_ratio).");
            }
            else
            {
                var fields = item.Mapping("name", "scene", "prompt", "aspect_ratio", "expected_threshold", "with");
                string name = fields.TryGetValue("name", out StudyNode? n) ? n.String() : throw item.Error("a scenario needs a name.");
                StudyScenario? standard = StudyScenario.Standard.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                string? scene = fields.TryGetValue("scene", out StudyNode? sc) ? sc.String() : fields.TryGetValue("prompt", out StudyNode? pr) ? pr.String() : standard?.Scene;
                string? aspect = fields.TryGetValue("aspect_ratio", out StudyNode? a) ? AspectRatio(a) : standard?.AspectRatio;
                double? expected = fields.TryGetValue("expected_threshold", out StudyNode? e) ? e.Number(0, 1) : standard?.ExpectedThreshold;
                scenario = new StudyScenario(
                    name,
                    scene ?? throw item.Error($"scenario '{name}' is not a standard one, so it needs a scene (the scene text of its prompt)."),
                    aspect ?? throw item.Error($"scenario '{name}' is not a standard one, so it needs an aspect_ratio such as 3:4."),
                    expected)
                { With = fields.TryGetValue("with", out StudyNode? w) ? Companions(w) : [] };
            }

            if (result.Any(x => x.Name.Equals(scenario.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw item.Error($"scenario '{scenario.Name}' appears twice.");
            }

            result.Add(scenario);
        }

        return result.Count > 0 ? result : throw node.Error("the list of scenarios is empty; leave it out for the seeds' five.");
    }

    /// <summary>
    /// <c>video: {providers, prompt, duration, aspect_ratio, compare_references, seconds_per_character_month}</c>: a
    /// clip of each character at each provider; the providers are checked against the registry when the run starts.
    /// </summary>
    private static StudyVideoRequest Video(StudyNode node)
    {
        var fields = node.Mapping("providers", "prompt", "duration", "aspect_ratio", "compare_references", "seconds_per_character_month");
        if (!fields.TryGetValue("providers", out StudyNode? providersNode))
        {
            throw node.Error("video needs providers that make video from a pinned character (providers: [sim-instant, ...]).");
        }

        var providers = new List<string>();
        foreach (StudyNode item in providersNode.Sequence())
        {
            string provider = item.String();
            providers.Add(providers.Contains(provider, StringComparer.OrdinalIgnoreCase) ? throw item.Error($"'{provider}' appears twice.") : provider);
        }

        if (providers.Count == 0)
        {
            throw providersNode.Error("the list of video providers is empty.");
        }

        return new StudyVideoRequest(
            providers,
            fields.TryGetValue("prompt", out StudyNode? prompt) ? prompt.String() : StudyVideoRequest.DefaultPrompt,
            fields.TryGetValue("duration", out StudyNode? duration) ? (int)duration.Integer(Core.Videos.Video.MinDurationSeconds, Core.Videos.Video.MaxDurationSeconds) : 5,
            fields.TryGetValue("aspect_ratio", out StudyNode? aspect) ? AspectRatio(aspect) : "16:9")
        {
            CompareReferences = fields.TryGetValue("compare_references", out StudyNode? compare) && compare.Boolean(),
            SecondsPerCharacterMonth = fields.TryGetValue("seconds_per_character_month", out StudyNode? seconds) ? (int)seconds.Integer(0, 10_000_000) : 60,
        };
    }

    /// <summary><c>with: [Name, ...]</c>: the other characters in the frame, each named once.</summary>
    private static List<string> Companions(StudyNode node)
    {
        var names = new List<string>();
        foreach (StudyNode item in node.Sequence())
        {
            string name = item.String();
            if (names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw item.Error($"'{name}' appears twice.");
            }

            names.Add(name);
        }

        return names.Count > 0 ? names : throw node.Error("the list is empty; leave with out for a shot of one character.");
    }

    private static string AspectRatio(StudyNode node)
    {
        string value = node.String();
        try
        {
            _ = StandardScenarios.SizeFor(value);
            return value;
        }
        catch (Core.InvalidInputException ex)
        {
            throw node.Error(ex.Message);
        }
    }

    private static List<StudyProvider> Providers(StudyNode node)
    {
        var result = new List<StudyProvider>();
        foreach (StudyNode item in node.Sequence())
        {
            StudyProvider provider;
            if (item.IsScalar)
            {
                string name = item.String();
                provider = new StudyProvider { Label = name, Provider = name, SourceLine = item.Line };
            }
            else
            {
                var fields = item.Mapping("provider", "label", "approach", "parameters", "sweep", "integration", "browser_compatibility");
                string name = fields.TryGetValue("provider", out StudyNode? p) ? p.String() : throw item.Error("an entry needs a provider (a provider or sim profile name).");
                string? approach = fields.TryGetValue("approach", out StudyNode? a) ? a.String().ToLowerInvariant() : null;
                if (approach is not (null or "trained" or "reference"))
                {
                    throw a!.Error("approach must be 'trained' or 'reference'.");
                }

                provider = new StudyProvider
                {
                    Label = fields.TryGetValue("label", out StudyNode? l) ? l.String() : name,
                    Provider = name,
                    Approach = approach,
                    Parameters = fields.TryGetValue("parameters", out StudyNode? pa) ? Parameters(pa) : new Dictionary<string, string>(),
                    Integration = fields.TryGetValue("integration", out StudyNode? i) ? i.Number(0, 1) : null,
                    BrowserCompatibility = fields.TryGetValue("browser_compatibility", out StudyNode? bc) ? bc.Number(0, 1) : null,
                    SourceLine = item.Line,
                };
                if (fields.TryGetValue("sweep", out StudyNode? sweep))
                {
                    AddAll(result, item, Sweep(provider, sweep));
                    continue;
                }
            }

            AddAll(result, item, [provider]);
        }

        return result.Count > 0 ? result : throw node.Error("the list of providers is empty.");
    }

    private static void AddAll(List<StudyProvider> result, StudyNode item, IEnumerable<StudyProvider> entries)
    {
        foreach (StudyProvider provider in entries)
        {
            if (result.Any(x => x.Label.Equals(provider.Label, StringComparison.OrdinalIgnoreCase)))
            {
                throw item.Error($"'{provider.Label}' appears twice; give one of them a label.");
            }

            result.Add(provider);
        }
    }

    /// <summary><c>sweep: {parameter, values}</c>: one entry per value, labelled "label parameter=value", each marked with its sweep point.</summary>
    private static List<StudyProvider> Sweep(StudyProvider entry, StudyNode node)
    {
        var fields = node.Mapping("parameter", "values");
        StudyNode parameterNode = fields.TryGetValue("parameter", out StudyNode? p) ? p : throw node.Error("a sweep needs a parameter (one of " + string.Join(", ", StudyShotParameters.ProviderNames.Keys) + ").");
        string parameter = parameterNode.String();
        if (!StudyShotParameters.ProviderNames.TryGetValue(parameter, out var range))
        {
            throw parameterNode.Error($"'{parameter}' cannot be swept; sweepable: {string.Join(", ", StudyShotParameters.ProviderNames.Keys)}.");
        }

        if (entry.Parameters.ContainsKey(parameter))
        {
            throw parameterNode.Error($"'{parameter}' is both a fixed parameter and swept; keep one.");
        }

        StudyNode valuesNode = fields.TryGetValue("values", out StudyNode? v) ? v : throw node.Error("a sweep needs values (values: [0.2, 0.35, 0.5]).");
        List<double> values = [.. valuesNode.Sequence().Select(n => n.Number(range.Min, range.Max))];
        if (values.Count < 2 || values.Distinct().Count() != values.Count)
        {
            throw valuesNode.Error("a sweep needs at least two different values.");
        }

        return [.. values.Select(value =>
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return entry with
            {
                Label = $"{entry.Label} {parameter}={text}",
                Parameters = new Dictionary<string, string>(entry.Parameters, StringComparer.Ordinal) { [parameter] = text },
                Sweep = new Core.Studies.StudySweepPoint(entry.Label, parameter, value),
            };
        })];
    }

    private static Dictionary<string, string> Parameters(StudyNode node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Mapping(StudyShotParameters.Names))
        {
            result[key] = key switch
            {
                "steps" => value.Integer(1, 500).ToString(CultureInfo.InvariantCulture),
                "guidance" => value.Number(0, 50).ToString("R", CultureInfo.InvariantCulture),
                _ when StudyShotParameters.ProviderNames.TryGetValue(key, out var range) => value.Number(range.Min, range.Max).ToString("R", CultureInfo.InvariantCulture),
                _ => value.String(),
            };
        }

        return result;
    }

    private static Dictionary<string, double> Weights(StudyNode node)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Mapping([.. ScorecardCriteria.All]))
        {
            result[key] = value.Number(0, 1);
        }

        double sum = result.Values.Sum();
        return Math.Abs(sum - 1) < 1e-6 ? result : throw node.Error($"the weights must sum to 1 (they sum to {sum.ToString("0.######", CultureInfo.InvariantCulture)}); criteria left out weigh 0.");
    }
}
