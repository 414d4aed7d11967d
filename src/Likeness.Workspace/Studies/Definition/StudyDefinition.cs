using System.Security.Cryptography;
using System.Text;

namespace Likeness.Workspace.Studies.Definition;

/// <summary>
/// What a study compares: which characters, in which scenarios, how many variations each, at which providers
/// (or sim profiles), and how the report weighs the results. Read from a study file by <see cref="StudyFile"/>.
/// </summary>
public sealed record StudyDefinition
{
    /// <summary>The file it was read from, for errors found later ("study" when made in code).</summary>
    public string SourceFile { get; init; } = "study";

    /// <summary>The study's name (the report's title).</summary>
    public required string Name { get; init; }

    /// <summary>Names of workspace characters to shoot (after the cast, if any, is imported).</summary>
    public IReadOnlyList<string> Characters { get; init; } = [];

    /// <summary>A cast folder (cast.json + photos) whose characters are imported and shot; null for none.</summary>
    public string? Cast { get; init; }

    /// <summary>The scenarios, in report order.</summary>
    public required IReadOnlyList<StudyScenario> Scenarios { get; init; }

    /// <summary>Shots per character, provider and scenario.</summary>
    public int Variations { get; init; } = 3;

    /// <summary>The seed every shot's seed is derived from.</summary>
    public long BaseSeed { get; init; } = 42;

    /// <summary>The compared providers and approaches, in report order.</summary>
    public required IReadOnlyList<StudyProvider> Providers { get; init; }

    /// <summary>Image size in megapixels (1 = the providers' usual ~1 MP; smaller makes cheaper, faster drafts).</summary>
    public double Megapixels { get; init; } = 1.0;

    /// <summary>Target false-accept rate of the calibrated identity threshold.</summary>
    public double TargetFalseAcceptRate { get; init; } = 0.01;

    /// <summary>Scorecard weights by criterion; null for the seeds' defaults.</summary>
    public IReadOnlyDictionary<string, double>? ScorecardWeights { get; init; }

    /// <summary>How many characters the cost projections assume (training is paid once per character).</summary>
    public int ProjectionCharacters { get; init; } = 10;

    /// <summary>The success criteria the report judges each provider by; null for the seeds'.</summary>
    public Core.Studies.Decisions.SuccessCriteria? SuccessCriteria { get; init; }

    /// <summary>The (characters, generations a month) scales the decisions project at; null for the seeds' three.</summary>
    public IReadOnlyList<Core.Studies.Decisions.ProjectionScale>? ProjectionScales { get; init; }

    /// <summary>Months a character's training is spread over in the decisions' projections; null for 12.</summary>
    public int? TrainingAmortisationMonths { get; init; }

    /// <summary>The gate each (character, provider, scenario) cell runs under; null to shoot <see cref="Variations"/> shots ungated.</summary>
    public Core.Studies.Gating.StudyGate? Gate { get; init; }

    /// <summary>The clips to make of each character (the study file's <c>video:</c>); null for a study of stills only.</summary>
    public Core.Studies.Videos.StudyVideoRequest? Video { get; init; }

    /// <summary>
    /// The seed of one variation: a hash of the base seed, scenario and variation, so every provider gets the
    /// same seeds (a paired comparison) and adding a scenario leaves the others' seeds unchanged.
    /// </summary>
    public long SeedFor(string scenario, int variation)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{BaseSeed}|{scenario}|{variation}")));
        return BitConverter.ToUInt32(hash) & 0x7FFFFFFF;
    }
}
