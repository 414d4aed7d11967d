using Likeness.Core.Gates;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Gating;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Reporting;

namespace Likeness.Workspace.Tests.Gates;

/// <summary><c>gate:</c> in a study file: every cell runs through the gate, and the report counts what that took.</summary>
public sealed class GatedStudyTests
{
    [Fact]
    public async Task A_gated_study_keeps_N_per_cell_and_reports_kept_rejected_attempts_and_cost_per_kept_shot()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.6, GateCast.FaceApiPhotos);
        using var output = new TempFolder();
        StudyDefinition study = StudyFile.Parse(
            $"name: Gated\ncharacters: [\"{cast.Obama.Name}\"]\nproviders: [sim-gate]\nscenarios: [close-up-portrait, low-light]\nmegapixels: 0.12\n" +
            "target_false_accept_rate: 0.05\ngate: { keep: 2, max_attempts: 10, max_cost: 0.5 }\n",
            "gated.yaml",
            output.Path);

        StudyRunSummary run = await new StudyRunner(cast.Workspace).RunAsync(study, output.Path);

        IReadOnlyList<StudyShotResult> rows = run.Results.Shots;
        Assert.All(rows, r => Assert.NotNull(r.Verdict));
        foreach (var cell in rows.GroupBy(r => r.Scenario))
        {
            // Attempts are numbered from 1 in each cell, each with the next seed, and the cell stops at its second kept shot.
            Assert.Equal(Enumerable.Range(1, cell.Count()), cell.Select(r => r.Variation));
            Assert.Equal(Enumerable.Range(0, cell.Count()).Select(i => cell.First().Seed + i), cell.Select(r => r.Seed));
            Assert.Equal(2, cell.Count(r => r.Verdict == VerdictCodes.Kept));
            Assert.Equal(VerdictCodes.Kept, cell.Last().Verdict);
        }

        GateStatistics gate = Assert.Single(run.Analysis.Gate);
        Assert.Equal((2, 0, rows.Count, 4), (gate.Cells, gate.CellsShort, gate.Attempts, gate.Kept));
        Assert.Equal(rows.Count - 4, gate.RejectedBy.Values.Sum());
        Assert.Equal(rows.Count * GateCast.PricePerShot, gate.SpentUsd);
        Assert.Equal(gate.SpentUsd / 4, gate.CostPerKeptUsd);
        Assert.Equal((double)gate.CostPerKeptUsd!.Value, (double)gate.PerKept!.PerKeptUsd!.Value, 9);

        // The files carry it: a verdict column per attempt and the gate's table in the report.
        IReadOnlyList<IReadOnlyList<string>> csv = StudyCsv.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "results.csv")));
        int verdict = csv[0].ToList().IndexOf("verdict");
        Assert.Equal(rows.Select(r => r.Verdict), csv.Skip(1).Select(r => r[verdict]));
        string html = await File.ReadAllTextAsync(Path.Combine(output.Path, "report.html"));
        Assert.Contains("<section id=\"gate\">", html, StringComparison.Ordinal);
        Assert.Contains(StudyFormat.Money(gate.CostPerKeptUsd.Value), html, StringComparison.Ordinal);
    }
}
