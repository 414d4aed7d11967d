using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;

namespace Likeness.Workspace.Demo;

/// <summary>
/// The whole flow offline, as a small study: the sample cast becomes characters with checked references, each
/// gets an identity at the three sim profiles (one trained), and every character is shot once in each of the
/// five standard scenarios at each profile. The study writes results.csv, results.json and report.html; the demo
/// adds its index.html gallery. A second run is served from the cache.
/// </summary>
public sealed class DemoRunner(LikenessWorkspace workspace)
{
    /// <summary>The sim profiles the demo compares, in report order.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["sim-lora", "sim-instant", "sim-reference"];

    /// <summary>The base seed of the demo's shots, so reruns ask for the same shots.</summary>
    public const long Seed = 42;

    /// <summary>The demo's study: the cast, the five standard scenarios once each, the three sim profiles.</summary>
    public static StudyDefinition Study(string castFolder) => new()
    {
        Name = "Likeness demo",
        Cast = castFolder,
        Scenarios = StudyScenario.Standard,
        Variations = 1,
        BaseSeed = Seed,
        Providers = [.. Providers.Select(p => new StudyProvider { Label = p, Provider = p })],
    };

    /// <summary>Runs the demo with the cast in <paramref name="castFolder"/>, writing to <paramref name="outputFolder"/>.</summary>
    public async Task<StudyRunSummary> RunAsync(string castFolder, string outputFolder, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        StudyRunSummary summary = await new StudyRunner(workspace).RunAsync(Study(castFolder), outputFolder, useCache: true, new LineProgress(log), log, cancellationToken: cancellationToken).ConfigureAwait(false);
        await DemoReport.WriteAsync(summary.Results.Shots, summary.Analysis.Calibration, outputFolder, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Prints each finished shot as a line, on the reporting thread so lines stay in order.</summary>
    private sealed class LineProgress(IProgress<string>? log) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => log?.Report(value.Last);
    }
}
