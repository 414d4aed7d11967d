using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;
using Likeness.Workspace.Studies.Reporting.Svg;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>What every report section needs: the scored results, the analysis, and each provider's name and colour.</summary>
internal sealed class ReportContext(StudyResults results, StudyAnalysis analysis)
{
    public StudyResults Results { get; } = results;

    public StudyAnalysis Analysis { get; } = analysis;

    public IReadOnlyList<string> Providers { get; } = [.. analysis.ByProvider.Select(g => g.Provider)];

    public bool AnySimulated => Results.Shots.Any(s => s.Simulated) || Results.Providers.Any(p => p.Simulated);

    public string Name(string provider) => Results.Providers.FirstOrDefault(p => p.Provider == provider)?.DisplayName ?? provider;

    public string Colour(string provider) => Palette.Of(Math.Max(0, Providers.ToList().IndexOf(provider)));

    public GroupStatistics Stats(string provider) => Analysis.ByProvider.First(g => g.Provider == provider);
}
