using System.Text;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Testing;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Projects;
using Likeness.Workspace.Studies.Stored;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Studies;

/// <summary>
/// Studies the server runs: accepted with their job in one go, published by putting the study folder's outputs and
/// pictures (and nothing else) into the asset store, where the doctor's sweep leaves them; listed newest first, and
/// not found from another project.
/// </summary>
public sealed class StudyBookTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_published_study_keeps_its_outputs_and_pictures_in_the_store_and_the_sweep_leaves_them(DatabaseKind kind)
    {
        using var folder = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(kind, folder);
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path, Database = kind, ConnectionString = database.ConnectionString });
        StudyBook studies = workspace.Services.GetRequiredService<StudyBook>();
        Guid project = (await workspace.Services.GetRequiredService<ProjectBook>().DefaultAsync()).Id;

        var (study, job) = await studies.CreateAsync(project, "First", "name: First", id => $"{{\"studyId\":\"{id}\"}}");
        Assert.Equal((JobStatus.Queued, (Guid?)job.Id), (study.Status, study.JobId));
        Assert.Equal((JobKind.Study, project), (job.Kind, job.ProjectId));
        Assert.Equal([study.Id], job.ResultIds);
        Assert.Contains(study.Id.ToString(), job.Input, StringComparison.Ordinal);
        Assert.Equal(job.Id, (await workspace.Services.GetRequiredService<JobBook>().GetAsync(project, job.Id)).Id);

        string output = Directory.CreateDirectory(folder.Combine("out")).FullName;
        Directory.CreateDirectory(Path.Combine(output, StudyFiles.ImagesFolder));
        string picture = $"{Guid.NewGuid():N}.thumb.jpg";
        await File.WriteAllTextAsync(Path.Combine(output, "report.html"), "<html>report</html>");
        await File.WriteAllTextAsync(Path.Combine(output, "results.csv"), "a,b\n");
        await File.WriteAllBytesAsync(Path.Combine(output, StudyFiles.ImagesFolder, picture), [1, 2, 3]);
        await File.WriteAllTextAsync(Path.Combine(output, StudyFiles.ImagesFolder, "notes.txt"), "not a picture");
        await File.WriteAllTextAsync(Path.Combine(output, "other.txt"), "not an output");

        StudyRecord published = (await studies.PublishAsync(study.Id, output))!;
        Assert.Equal(JobStatus.Succeeded, published.Status);
        Assert.NotNull(published.FinishedAt);
        Assert.Equal([$"images/{picture}", "report.html", "results.csv"], published.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(published.Files, (await studies.GetAsync(project, study.Id)).Files);

        // The doctor's sweep removes files no row references, and a study's files are referenced by its row.
        AssetRef orphan = await workspace.Assets.PutAsync("orphan"u8.ToArray(), "text/plain");
        await workspace.Services.GetRequiredService<AssetSweeper>().SweepAsync(TimeSpan.Zero);
        Assert.False(await workspace.Assets.ExistsAsync(orphan.Sha256));
        foreach (string sha256 in published.Files.Values)
        {
            Assert.True(await workspace.Assets.ExistsAsync(sha256));
        }

        Assert.Equal("<html>report</html>", Encoding.UTF8.GetString(await workspace.Assets.ReadAllBytesAsync(published.Files["report.html"])));

        // A finished study stays as it is; another project does not see it; the newest is listed first.
        Assert.Equal(JobStatus.Succeeded, (await studies.SetStatusAsync(study.Id, JobStatus.Failed))!.Status);
        Assert.Null(await studies.SetStatusAsync(Guid.NewGuid(), JobStatus.Failed));
        await Assert.ThrowsAsync<NotFoundException>(() => studies.GetAsync(Guid.NewGuid(), study.Id));
        var (second, _) = await studies.CreateAsync(project, "Second", "name: Second", _ => "{}");
        Assert.Equal([second.Id, study.Id], (await studies.ListAsync(project)).Select(s => s.Id));
    }
}
