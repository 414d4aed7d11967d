using System.Net;
using System.Text.RegularExpressions;
using Likeness.Core;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;
using Likeness.Testing;
using Likeness.Workspace.Demo;
using Likeness.Workspace.Studies.Reporting;
using Likeness.Workspace.Studies.Reporting.Html;

namespace Likeness.Workspace.Tests.Studies;

public partial class StudyOutputsTests
{
    [Fact]
    public async Task Writes_three_files_and_reads_the_results_back()
    {
        using var folder = new TempFolder();
        var weights = new Dictionary<string, double> { ["consistency"] = 0.5, ["cost"] = 0.3, ["inference_latency"] = 0.2 };
        StudyResults study = SyntheticStudy.Create(folder.Path) with { ScorecardWeights = weights, TargetFalseAcceptRate = 0.02 };
        StudyAnalysis analysis = await StudyOutputs.WriteAsync(study, folder.Path);

        Assert.True(File.Exists(folder.Combine("results.csv")));
        Assert.True(File.Exists(folder.Combine("report.html")));
        Assert.DoesNotContain(Directory.GetFiles(folder.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        StudyResults read = await StudyOutputs.ReadAsync(folder.Path);
        Assert.Equal(analysis.Shots, read.Shots);
        Assert.Equal(study.Providers, read.Providers);
        Assert.Equal(study.Calibration!.Genuine, read.Calibration!.Genuine);
        Assert.Equal(study.Calibration.Impostor, read.Calibration.Impostor);
        Assert.Equal(study.FinishedAt, read.FinishedAt);
        Assert.Equal(weights, read.ScorecardWeights);
        Assert.Equal(0.02, read.TargetFalseAcceptRate);
        Assert.Equal(0.5, analysis.Scorecard.Weights["consistency"]);
        Assert.All(read.Shots.Where(s => s.FaceDistance is not null), s => Assert.NotNull(s.IdentityPass));

        string json = await File.ReadAllTextAsync(folder.Combine("results.json"));
        Assert.Contains("\"face_distance_min\"", json, StringComparison.Ordinal);
        Assert.Contains("\"break_evens\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_has_one_row_per_shot_with_empty_cells_where_not_measured()
    {
        using var folder = new TempFolder();
        StudyAnalysis analysis = await StudyOutputs.WriteAsync(SyntheticStudy.Create(folder.Path), folder.Path);
        IReadOnlyList<IReadOnlyList<string>> rows = StudyCsv.Parse(await File.ReadAllTextAsync(folder.Combine("results.csv")));

        Assert.Equal(StudyCsv.Columns, rows[0]);
        Assert.Equal(analysis.Shots.Count + 1, rows.Count);
        foreach ((StudyShotResult shot, IReadOnlyList<string> row) in analysis.Shots.Zip(rows.Skip(1)))
        {
            Assert.Equal(StudyCsv.Cells(shot), row);
        }

        IReadOnlyList<string> failed = rows.Skip(1).Single(r => r[Column("status")] == StudyStatuses.Failed);
        Assert.Equal(string.Empty, failed[Column("face_distance")]);
        Assert.Equal("simulated provider failure, \"retry later\"", failed[Column("error")]);
        IReadOnlyList<string> first = rows[1];
        Assert.Equal(analysis.Shots[0].FaceDistance!.Value, double.Parse(first[Column("face_distance")], System.Globalization.CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public async Task Every_number_on_a_report_card_equals_the_csv_cell()
    {
        using var folder = new TempFolder();
        StudyAnalysis analysis = await StudyOutputs.WriteAsync(SyntheticStudy.Create(folder.Path), folder.Path);
        string html = await File.ReadAllTextAsync(folder.Combine("report.html"));
        IReadOnlyList<IReadOnlyList<string>> rows = StudyCsv.Parse(await File.ReadAllTextAsync(folder.Combine("results.csv")));
        Dictionary<string, IReadOnlyList<string>> byKey = rows.Skip(1).ToDictionary(r => string.Join('|', r[0], r[1], r[2], r[3], r[4]));

        string[] cards = CardPattern().Split(html)[1..];
        Assert.Equal(analysis.Shots.Count, cards.Length / 2);
        int compared = 0;
        for (int i = 0; i < cards.Length; i += 2)
        {
            IReadOnlyList<string> row = byKey[WebUtility.HtmlDecode(cards[i])];
            foreach (Match field in FieldPattern().Matches(cards[i + 1]))
            {
                Assert.Equal(row[Column(field.Groups[1].Value)], WebUtility.HtmlDecode(field.Groups[2].Value));
                compared++;
            }
        }

        // Each successful shot shows at least distance, latency and cost.
        Assert.True(compared > analysis.Shots.Count * 3, $"only {compared} numbers compared");
    }

    [Fact]
    public async Task Read_says_clearly_when_results_are_missing_or_malformed()
    {
        using var folder = new TempFolder();
        FileNotFoundException missing = await Assert.ThrowsAsync<FileNotFoundException>(() => StudyOutputs.ReadAsync(folder.Path));
        Assert.Contains("results.json", missing.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(folder.Combine("results.json"), "{ \"results\": [1, 2");
        InvalidInputException bad = await Assert.ThrowsAsync<InvalidInputException>(() => StudyOutputs.ReadAsync(folder.Path));
        Assert.Contains("not a study's results.json", bad.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(folder.Combine("results.json"), "{ \"something\": 1 }");
        await Assert.ThrowsAsync<InvalidInputException>(() => StudyOutputs.ReadAsync(folder.Path));
    }

    [Fact]
    public async Task Report_is_self_contained_and_shows_every_section()
    {
        using var folder = new TempFolder();
        await StudyOutputs.WriteAsync(SyntheticStudy.Create(folder.Path), folder.Path);
        string html = await File.ReadAllTextAsync(folder.Combine("report.html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (string id in new[] { "summary", "providers", "calibration", "gallery", "tests", "scorecard", "costs", "methods" })
        {
            Assert.Contains($"<section id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.True(Regex.Count(html, "<svg ") >= 6, "distribution, pass rate, latency, cost, histogram and FAR/FRR charts");
        Assert.Contains("CLIP-I is not an identity metric", html, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Count(html, "The plan expected CLIP-I ≥ 0.95 here. Measured mean CLIP-I: Sim LoRA 0\\.\\d{4}, Sim Instant"));

        // Chromium does not log a missing file:// image, so check that every picture the page shows is beside it.
        string[] sources = [.. Regex.Matches(html, "<img src=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
        Assert.NotEmpty(sources);
        Assert.All(sources, src => Assert.True(File.Exists(folder.Combine(src)), src));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://example.com/a.png")]
    [InlineData("/etc/passwd")]
    [InlineData("../../secret.png")]
    [InlineData("images/../../secret.png")]
    [InlineData("images\\..\\x.png")]
    [InlineData("//evil.example/x.png")]
    [InlineData("images/a.png\u0000.js")]
    public async Task An_edited_results_file_cannot_plant_a_link_outside_the_study(string target)
    {
        using var folder = new TempFolder();
        StudyResults study = SyntheticStudy.Create(folder.Path);
        StudyShotResult first = study.Shots.First(s => s.Status == StudyStatuses.Succeeded);
        StudyResults edited = study with { Shots = [first with { Image = target, Thumbnail = target }, .. study.Shots.Skip(1)] };

        StudyAnalysis analysis = await StudyOutputs.WriteAsync(edited, folder.Path);
        await DemoReport.WriteAsync(analysis.Shots, analysis.Calibration, folder.Path, CancellationToken.None);

        foreach (string page in new[] { "report.html", "index.html" })
        {
            string html = await File.ReadAllTextAsync(folder.Combine(page));
            string[] targets = [.. Regex.Matches(html, "(?:href|src)=\"([^\"#][^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
            Assert.NotEmpty(targets);
            Assert.DoesNotContain(target, targets);
            Assert.All(targets, t => Assert.True(t == "report.html" || t.StartsWith("images/", StringComparison.Ordinal) && !t.Contains("..", StringComparison.Ordinal), $"{page}: {t}"));
        }
    }

    [Theory]
    [InlineData("images/a.png", true)]
    [InlineData("images/a b.png", true)]
    [InlineData("https://cdn.example/a.png", true)]
    [InlineData("HTTPS://cdn.example/a.png", true)]
    [InlineData("https:///a.png", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("images//a.png", false)]
    [InlineData("", false)]
    public void Report_links_admit_relative_paths_and_https_only(string target, bool admitted) =>
        Assert.Equal(admitted ? target : null, ReportLink.Safe(target));

    [Fact]
    public async Task Writes_a_report_for_a_study_with_nothing_measured()
    {
        using var folder = new TempFolder();
        var empty = new StudyResults { Name = "empty", FinishedAt = DateTimeOffset.UnixEpoch, Shots = [], Providers = [] };
        StudyAnalysis analysis = await StudyOutputs.WriteAsync(empty, folder.Path);
        Assert.False(analysis.Calibration.Calibrated);
        Assert.Contains("cannot be ranked", await File.ReadAllTextAsync(folder.Combine("report.html")), StringComparison.Ordinal);

        StudyResults oneProvider = SyntheticStudy.Create(folder.Path) is var s
            ? s with { Shots = [.. s.Shots.Where(x => x.Provider == "sim-lora").Select(x => x with { FaceDistance = null, FaceDetected = null, FaceDistanceMin = null })], Providers = [s.Providers[0]], Calibration = null }
            : throw new InvalidOperationException();
        StudyAnalysis single = await StudyOutputs.WriteAsync(oneProvider, folder.Path);
        Assert.Empty(single.Pairwise);
        Assert.Null(single.ByProvider[0].IdentityPass.Rate);
        string html = await File.ReadAllTextAsync(folder.Combine("report.html"));
        Assert.Contains("not calibrated", html, StringComparison.Ordinal);
        Assert.Contains("Only one provider", html, StringComparison.Ordinal);
    }

    private static int Column(string name) => StudyCsv.Columns.ToList().IndexOf(name) is >= 0 and var i ? i : throw new ArgumentException(name);

    [GeneratedRegex("<div class=\"card\" data-shot=\"([^\"]*)\">")]
    private static partial Regex CardPattern();

    [GeneratedRegex("<dd data-f=\"([a-z_]+)\">([^<]*)</dd>")]
    private static partial Regex FieldPattern();
}
