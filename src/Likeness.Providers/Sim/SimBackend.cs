using System.Text.Json;
using Likeness.Core.Providers;

namespace Likeness.Providers.Sim;

/// <summary>
/// The simulated provider's server side: training jobs and their uploaded references live in a folder, as
/// they would at a real provider, so another process can resume a job from its id alone.
/// </summary>
internal sealed class SimBackend(string stateDirectory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private string JobsDirectory => Path.Combine(stateDirectory, "jobs");

    public async Task SaveAsync(SimJob job, IEnumerable<ReferencePhoto> references, CancellationToken cancellationToken)
    {
        string refs = Path.Combine(JobsDirectory, job.Id);
        Directory.CreateDirectory(refs);
        foreach (ReferencePhoto photo in references)
        {
            await WriteAtomicAsync(Path.Combine(refs, photo.Sha256 + ".img"), photo.Bytes, cancellationToken).ConfigureAwait(false);
        }

        await UpdateAsync(job, cancellationToken).ConfigureAwait(false);
    }

    public Task UpdateAsync(SimJob job, CancellationToken cancellationToken) =>
        WriteAtomicAsync(Path.Combine(JobsDirectory, job.Id + ".json"), JsonSerializer.SerializeToUtf8Bytes(job, Json), cancellationToken);

    public async Task<SimJob> LoadAsync(string provider, string jobId, CancellationToken cancellationToken)
    {
        if (jobId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
        {
            throw new ProviderException(provider, $"'{jobId}' is not a simulated job id.", status: 400);
        }

        string path = Path.Combine(JobsDirectory, jobId + ".json");
        if (!File.Exists(path))
        {
            throw new ProviderException(provider, $"Simulated training job {jobId} does not exist.", status: 404);
        }

        await using FileStream stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SimJob>(stream, Json, cancellationToken).ConfigureAwait(false)
            ?? throw new ProviderException(provider, $"Simulated training job {jobId} is unreadable.", status: 500);
    }

    public async Task<byte[]> ReadReferenceAsync(string jobId, string sha256, CancellationToken cancellationToken) =>
        await File.ReadAllBytesAsync(Path.Combine(JobsDirectory, jobId, sha256 + ".img"), cancellationToken).ConfigureAwait(false);

    private static async Task WriteAtomicAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
