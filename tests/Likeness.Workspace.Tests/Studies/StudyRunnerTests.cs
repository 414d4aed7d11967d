using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Scorecard;
using Likeness.Workspace.Persistence;
using Likeness.Testing;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests.Studies;

public sealed class StudyRunnerTests
{
    private static readonly string[] Sims = ["sim-lora", "sim-instant", "sim-reference"];

    private static StudyDefinition Study(CastWorkspace cast) => new()
    {
        Name = "resume",
        Characters = [cast.Obama.Name, cast.Biden.Name],
        Scenarios = [.. StudyScenario.Standard.Where(s => s.Name is "close-up-portrait" or "profile")],
        Variations = 2,
        Providers = [.. Sims.Select(p => new StudyProvider { Label = p, Provider = p })],
        Megapixels = 0.05,
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task An_interrupted_study_resumes_without_repeating_finished_shots(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        using var folder = new TempFolder();
        StudyDefinition study = Study(cast);
        const int total = 2 * 3 * 2 * 2;
        var runner = new StudyRunner(cast.Workspace);
        using var stop = new CancellationTokenSource();
        var progress = new CancelAfter(10, stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(study, folder.Path, progress: progress, cancellationToken: stop.Token));

        // Every provider call is a shot row (made before the call), so rows count calls.
        var first = await ShotsAsync(cast);
        int finished = first.Count(s => s.Status == ShotStatus.Succeeded);
        Assert.InRange(finished, 10, total - 1);
        Assert.All(first.Where(s => s.Status != ShotStatus.Succeeded), s => Assert.Equal("cancelled", s.Error));

        StudyRunSummary resumed = await runner.RunAsync(study, folder.Path);
        var second = await ShotsAsync(cast);
        Assert.Equal(total - finished, second.Count - first.Count);
        Assert.Equal(finished, resumed.FromCache);
        Assert.Equal(total, resumed.Results.Shots.Count);
        Assert.All(resumed.Results.Shots, s => Assert.Equal("succeeded", s.Status));
        Assert.All(second.Where(s => s.Status == ShotStatus.Succeeded).GroupBy(s => s.CacheKey), g => Assert.Single(g));
        Assert.All(resumed.Results.Shots, s => Assert.True(File.Exists(Path.Combine(folder.Path, s.Thumbnail!)), s.Thumbnail));

        // A third run makes no call at all.
        StudyRunSummary again = await runner.RunAsync(study, folder.Path);
        Assert.Equal(total, again.FromCache);
        Assert.Equal(second.Count, (await ShotsAsync(cast)).Count);
        Assert.Equal(3, again.Results.Providers.Count);
        Assert.Equal("trained", again.Results.Providers[0].Approach);
        Assert.NotNull(again.Results.Providers[0].TrainingSeconds);
    }

    [Fact]
    public async Task A_study_interrupted_during_a_training_resumes_that_training_instead_of_paying_for_another()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite, trainingSeconds: 4);
        using var folder = new TempFolder();
        StudyDefinition study = Study(cast) with { Providers = [new StudyProvider { Label = "sim-lora", Provider = "sim-lora" }], Variations = 1 };
        using var stop = new CancellationTokenSource();
        Task run = new StudyRunner(cast.Workspace).RunAsync(study, folder.Path, cancellationToken: stop.Token);
        IdentityModel? training = null;
        while (training is null && !run.IsCompleted)
        {
            await Task.Delay(50);
            training = (await IdentitiesAsync(cast)).FirstOrDefault(m => m.Status == IdentityModelStatus.Training && m.ProviderJobId is not null);
        }

        Assert.NotNull(training);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // A new process picks the study up: the recorded training is followed to the end, not started again.
        await cast.ReopenAsync();
        StudyRunSummary summary = await new StudyRunner(cast.Workspace).RunAsync(study, folder.Path);
        Assert.All(summary.Results.Shots, s => Assert.Equal("succeeded", s.Status));
        List<IdentityModel> models = await IdentitiesAsync(cast);
        IdentityModel resumed = Assert.Single(models, m => m.CharacterId == training.CharacterId);
        Assert.Equal((training.Id, IdentityModelStatus.Ready), (resumed.Id, resumed.Status));
        Assert.Equal(2, models.Count);
    }

    [Fact]
    public async Task Failed_shots_are_recorded_in_their_rows_and_the_study_completes()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite, failureRate: 0.3);
        using var folder = new TempFolder();
        var progress = new Recorder();
        StudyRunSummary summary = await new StudyRunner(cast.Workspace).RunAsync(Study(cast), folder.Path, progress: progress);
        Assert.InRange(summary.Failed, 1, summary.Results.Shots.Count - 1);
        Assert.Equal(summary.Failed, progress.Reports.Count(p => p.LastFailed));
        Assert.All(progress.Reports, p => Assert.Equal(p.LastFailed, p.Last.EndsWith(": failed", StringComparison.Ordinal)));
        Assert.All(summary.Results.Shots.Where(s => s.Status == "failed"), s =>
        {
            Assert.Contains("Simulated", s.Error, StringComparison.Ordinal);
            Assert.Null(s.Image);
        });
        Assert.Null(summary.Results.Calibration);
    }

    [Fact]
    public async Task Ratings_are_labelled_study_file_or_default_table_in_the_scorecard_and_results_json()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        using var folder = new TempFolder();
        StudyDefinition study = Study(cast) with
        {
            Variations = 1,
            Providers =
            [
                new StudyProvider { Label = "sim-instant", Provider = "sim-instant", Integration = 0.3 },
                new StudyProvider { Label = "sim-reference", Provider = "sim-reference" },
            ],
        };
        StudyRunSummary summary = await new StudyRunner(cast.Workspace).RunAsync(study, folder.Path);

        (string Source, double Raw) Rating(string provider, string criterion)
        {
            ScoreEntry entry = summary.Analysis.Scorecard.Rows.Single(r => r.Provider == provider).Entries.Single(e => e.Criterion == criterion);
            return (entry.Source, entry.Raw!.Value);
        }

        Assert.Equal(("study file", 0.3), Rating("sim-instant", ScorecardCriteria.Integration));
        Assert.Equal(("default table", StudyProviderScores.BrowserCompatibility("sim-instant")!.Value), Rating("sim-instant", ScorecardCriteria.BrowserCompatibility));
        Assert.Equal(("default table", StudyProviderScores.Integration("sim-reference")!.Value), Rating("sim-reference", ScorecardCriteria.Integration));
        Assert.Equal(("default table", StudyProviderScores.BrowserCompatibility("sim-reference")!.Value), Rating("sim-reference", ScorecardCriteria.BrowserCompatibility));
        Assert.Null(StudyProviderScores.Integration("no-such-provider"));

        // results.json keeps the sources, so `study report` labels them the same.
        StudyResults read = await StudyOutputs.ReadAsync(folder.Path);
        Assert.Equal(summary.Results.Providers, read.Providers);
        Assert.Equal([RatingSources.StudyFile, RatingSources.DefaultTable], read.Providers.Select(p => p.IntegrationSource));
        Assert.Contains("\"integration_source\": \"study file\"", await File.ReadAllTextAsync(Path.Combine(folder.Path, StudyOutputs.JsonFile)), StringComparison.Ordinal);
    }

    private static async Task<List<IdentityModel>> IdentitiesAsync(CastWorkspace cast)
    {
        await using LikenessDbContext db = cast.Workspace.OpenDb();
        return await db.IdentityModels.AsNoTracking().ToListAsync();
    }

    private static async Task<List<Shot>> ShotsAsync(CastWorkspace cast)
    {
        await using LikenessDbContext db = cast.Workspace.OpenDb();
        return await db.Shots.AsNoTracking().ToListAsync();
    }

    private sealed class Recorder : IProgress<StudyProgress>
    {
        public System.Collections.Concurrent.ConcurrentQueue<StudyProgress> Reports { get; } = new();

        public void Report(StudyProgress value) => Reports.Enqueue(value);
    }

    private sealed class CancelAfter(int shots, CancellationTokenSource source) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value)
        {
            if (value.Done >= shots)
            {
                source.Cancel();
            }
        }
    }
}
