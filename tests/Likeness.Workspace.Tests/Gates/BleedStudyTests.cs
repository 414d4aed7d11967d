using Likeness.Core.Shots;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Bleed;
using Likeness.Providers.Sim;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Reporting;
using Xunit.Abstractions;

namespace Likeness.Workspace.Tests.Gates;

/// <summary>
/// A two-character scenario in a study file (<c>with:</c>): shot only where the provider makes multi-character shots,
/// each shot judged for bleed, and the report's bleed numbers checked against the sim's record of who each slot shows.
/// </summary>
public sealed class BleedStudyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_two_character_scenario_reports_bleed_by_the_sims_ground_truth_and_skips_providers_that_cannot_make_it()
    {
        SimProfile pairs = GateCast.Profile(0.6, multiCharacter: true);
        SimProfile solo = GateCast.Profile(0.6) with { Name = "sim-solo" };
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, [pairs, solo], GateCast.FaceApiPhotos);
        using var folder = new TempFolder();
        StudyDefinition study = StudyFile.Parse(
            $"name: Pairs\ncharacters: [\"{cast.Obama.Name}\"]\nproviders: [sim-gate, sim-solo]\nvariations: 20\nmegapixels: 0.3\ntarget_false_accept_rate: 0.05\n" +
            $"scenarios:\n  - close-up-portrait\n  - {{ name: pair, scene: \"side by side, portrait\", aspect_ratio: \"2:1\", with: [\"{cast.Biden.Name}\"] }}\n",
            "pairs.yaml",
            folder.Path);

        StudyRunSummary run = await new StudyRunner(cast.Workspace).RunAsync(study, folder.Path);

        // sim-solo cannot put two characters in a shot: the scenario is not run there, and it says why.
        StudyNotApplicable skipped = Assert.Single(run.Results.NotApplicable);
        Assert.Equal(("sim-solo", "pair"), (skipped.Provider, skipped.Scenario));
        Assert.DoesNotContain(run.Results.Shots, s => s.Provider == "sim-solo" && s.Scenario == "pair");
        Assert.Equal(20, run.Results.Shots.Count(s => s.Provider == "sim-solo"));
        Assert.All(run.Results.Shots.Where(s => s.Scenario != "pair"), s => Assert.Null(s.With));

        List<StudyShotResult> rows = [.. run.Results.Shots.Where(s => s.Scenario == "pair")];
        Assert.Equal(20, rows.Count);
        int flaggedBled = 0, missedBled = 0, flaggedClean = 0, passedClean = 0;
        foreach (StudyShotResult row in rows)
        {
            Assert.Equal(StudyStatuses.Succeeded, row.Status);
            Assert.Equal([cast.Biden.Name], row.With!);
            Assert.NotNull(row.Bleed);
            Shot shot = await cast.Workspace.Shots.GetAsync(cast.Obama.Id, Guid.Parse(row.ShotId!));
            Assert.Equal([cast.Biden.Id], shot.Request.Companions);

            // The sim's own record, read from the stored shot: who each slot shows. Two characters that trade places are both there.
            string[] expected = [.. new[] { cast.Obama.TriggerToken, cast.Biden.TriggerToken }.Order(StringComparer.Ordinal)];
            bool bled = !shot.Metadata["sim.shown"].Split('|').Order(StringComparer.Ordinal).SequenceEqual(expected);
            Assert.Equal((bool?)bled, row.SimBleed);
            switch (bled, BleedCodes.Bled(row.Bleed!))
            {
                case (true, true): flaggedBled++; break;
                case (true, false): missedBled++; break;
                case (false, true): flaggedClean++; break;
                case (false, false): passedClean++; break;
            }
        }

        output.WriteLine($"bled & flagged {flaggedBled}, bled & passed {missedBled}, clean & flagged {flaggedClean}, clean & passed {passedClean}; " +
            $"kinds: {string.Join(", ", rows.GroupBy(r => r.Bleed).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.InRange(flaggedBled + missedBled, 4, 18);  // fidelity 0.6 a slot: about 58 % of two-person shots bleed
        Assert.Equal(0, missedBled);                      // no bled shot passes as clean
        Assert.True(passedClean >= 0.7 * (flaggedClean + passedClean), $"{passedClean} of {flaggedClean + passedClean} clean shots passed");

        // The analysis reports exactly those numbers, with the rate's Wilson interval.
        BleedStatistics stats = Assert.Single(run.Analysis.Bleed);
        Assert.Equal(("sim-gate", "pair", 20), (stats.Provider, stats.Scenario, stats.Shots));
        Assert.Equal(new BleedConfusion(flaggedBled, missedBled, flaggedClean, passedClean), stats.Truth);
        Assert.Equal((flaggedBled + flaggedClean, 20), (stats.Bled.Successes, stats.Bled.Trials));
        Assert.NotNull(stats.Bled.WilsonCi95);
        Assert.Equal(rows.Count(r => BleedCodes.Has(r.Bleed!, BleedCodes.Duplicated)), stats.Duplicated);
        Assert.Equal(rows.Count(r => BleedCodes.Has(r.Bleed!, BleedCodes.Missing)), stats.Missing);

        // The files carry it: the bleed columns in results.csv and the section in the report.
        IReadOnlyList<IReadOnlyList<string>> csv = StudyCsv.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "results.csv")));
        int bleedColumn = csv[0].ToList().IndexOf("bleed");
        Assert.Equal(run.Results.Shots.Select(r => r.Bleed ?? ""), csv.Skip(1).Select(r => r[bleedColumn]));
        string html = await File.ReadAllTextAsync(Path.Combine(folder.Path, "report.html"));
        Assert.Contains("<section id=\"bleed\">", html, StringComparison.Ordinal);
        Assert.Contains($"bled: {flaggedBled} flagged, {missedBled} missed; clean: {passedClean} passed, {flaggedClean} flagged", html, StringComparison.Ordinal);
        Assert.Contains("Not run, not charged.", html, StringComparison.Ordinal);

        // results.json reads back with the same bleed verdicts.
        StudyResults back = await StudyOutputs.ReadAsync(folder.Path);
        Assert.Equal(run.Results.Shots.Select(s => s.Bleed), back.Shots.Select(s => s.Bleed));
        Assert.Equal(run.Results.NotApplicable, back.NotApplicable);
    }
}
