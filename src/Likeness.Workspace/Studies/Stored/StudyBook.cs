using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Studies.Stored;

/// <summary>
/// The studies the server runs, in the workspace database: accepted together with their background job, followed
/// while they run, and published by putting the files of their study folder into the asset store (so any node of a
/// cluster serves them) and their content hashes on the row.
/// </summary>
public sealed class StudyBook(IDbContextFactory<LikenessDbContext> database, IAssetStore assets, TimeProvider time)
{
    /// <summary>The longest study name kept on the row.</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// Records a queued study and the queued job that runs it, in one transaction, so neither exists without the other;
    /// the job's result is the study. <paramref name="jobInput"/> writes the job's input from the new study's id. The job
    /// is <paramref name="requester"/>'s (who pays for it), refused as any job is when they already have
    /// <paramref name="maxOpen"/> jobs queued or running, counted as <see cref="JobBook"/> counts every job.
    /// </summary>
    public async Task<(StudyRecord Study, JobRecord Job)> CreateAsync(
        Guid projectId, string name, string definition, Func<Guid, string> jobInput, JobRequester? requester = null, int? maxOpen = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(jobInput);
        StudyRecord study = StudyRecord.Create(projectId, name.Length > MaxNameLength ? name[..MaxNameLength] : name, definition, time);
        JobRecord job = JobRecord.Create(projectId, JobKind.Study, jobInput(study.Id), time, requester);
        study.JobId = job.Id;
        // The job names its study from the start, so whoever follows the job can fetch the study's files when it ends.
        job.ResultIds = [study.Id];
        await using LikenessDbContext db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await JobBook.AddCountedAsync(db, job, maxOpen, cancellationToken).ConfigureAwait(false);
        db.Studies.Add(study);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (study, job);
    }

    /// <summary>The study, or null.</summary>
    public async Task<StudyRecord?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Studies.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The study of <paramref name="projectId"/>; one of another project is not found, as one that does not exist.</summary>
    public async Task<StudyRecord> GetAsync(Guid projectId, Guid id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } study && study.ProjectId == projectId
            ? study
            : throw new NotFoundException(EntityKind.Study, id.ToString(), $"No study {id}.");

    /// <summary>The project's studies, newest first.</summary>
    public async Task<IReadOnlyList<StudyRecord>> ListAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        // Ordered here: SQLite cannot order by a DateTimeOffset column; ids are time-ordered (v7) and break ties.
        List<StudyRecord> all = await db.Studies.AsNoTracking().Where(s => s.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. all.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)];
    }

    /// <summary>Moves the study to <paramref name="status"/> (a final study stays as it is); null when it is gone.</summary>
    public Task<StudyRecord?> SetStatusAsync(Guid id, JobStatus status, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, s => s.Status = status, cancellationToken);

    /// <summary>
    /// Puts results.csv, results.json, report.html and the report's images from <paramref name="folder"/> into the asset
    /// store and records their hashes on the study, which is then succeeded (null when it is gone). Storing is
    /// idempotent (content-addressed), so a publish repeated after a crash stores nothing twice.
    /// </summary>
    public async Task<StudyRecord?> PublishAsync(Guid id, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in StudyFiles.Produced(folder))
        {
            await using FileStream content = File.OpenRead(Path.Combine(folder, name));
            AssetRef stored = await assets.PutAsync(content, StudyFiles.ContentTypeOf(name), cancellationToken).ConfigureAwait(false);
            files[name] = stored.Sha256;
        }

        return await ChangeAsync(id, s => (s.Files, s.Status) = (files, JobStatus.Succeeded), cancellationToken).ConfigureAwait(false);
    }

    private async Task<StudyRecord?> ChangeAsync(Guid id, Action<StudyRecord> change, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        StudyRecord? study = await db.Studies.SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (study is null || study.IsFinal)
        {
            return study;
        }

        change(study);
        if (study.IsFinal)
        {
            study.FinishedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return study;
    }
}
