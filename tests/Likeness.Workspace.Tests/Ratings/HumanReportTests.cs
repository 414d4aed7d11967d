using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;
using Likeness.Core.Studies;
using Likeness.Testing;
using Likeness.Workspace.Studies.Reporting;
using Likeness.Workspace.Tests.Studies;

namespace Likeness.Workspace.Tests.Ratings;

public sealed class HumanReportTests
{
    [Fact]
    public async Task A_study_with_ratings_gets_a_human_section_and_keeps_it_in_results_json()
    {
        using var folder = new TempFolder();
        StudyResults study = SyntheticStudy.Create(folder.Path);
        string[] arms = [.. study.Providers.Select(p => p.Provider).Take(2)];
        Guid r1 = Guid.NewGuid(), r2 = Guid.NewGuid();
        RatedPair[] pairs =
        [
            new(Guid.NewGuid(), arms[0], arms[1], 0.3, 0.5, [new(r1, RatingQuestion.Identity, RatingAnswer.First), new(r2, RatingQuestion.Identity, RatingAnswer.First)]),
            new(Guid.NewGuid(), arms[0], arms[1], 0.6, 0.4, [new(r1, RatingQuestion.Identity, RatingAnswer.First), new(r2, RatingQuestion.Identity, RatingAnswer.First)]),
        ];
        StudyResults rated = study with { Human = RatingAnalyzer.Analyze(pairs) };

        await StudyOutputs.WriteAsync(rated, folder.Path);
        string report = await File.ReadAllTextAsync(folder.Combine("report.html"));
        Assert.Contains("<section id=\"human\"><h2>Human rating</h2>", report, StringComparison.Ordinal);
        Assert.Contains("href=\"#human\"", report, StringComparison.Ordinal);
        // The first arm won both identity pairs (F F twice): 100 %, Wilson 2 of 2 = [34.2 %, 100 %]. The automatic score
        // picked the first shot in pair 1 (0.3 < 0.5) and the second in pair 2 (0.4 < 0.6): 1 of 2 agree.
        Assert.Contains("<b>100.0 %</b> <span class=\"ci\">95 % CI 34.2 %–100.0 %</span>", report, StringComparison.Ordinal);
        Assert.Contains("<b>50.0 %</b> <span class=\"ci\">95 % CI 9.5 %–90.5 %</span> of 2 decided pairs", report, StringComparison.Ordinal);

        StudyResults read = await StudyOutputs.ReadAsync(folder.Path);
        Assert.NotNull(read.Human);
        Assert.Equal(rated.Human!.AutomaticAgreement, read.Human!.AutomaticAgreement);
        Assert.Equal(rated.Human.Questions[0].WinRates, read.Human.Questions[0].WinRates);

        // Without ratings there is no section and no link.
        await StudyOutputs.WriteAsync(study, folder.Path);
        Assert.DoesNotContain("id=\"human\"", await File.ReadAllTextAsync(folder.Combine("report.html")), StringComparison.Ordinal);
    }
}
