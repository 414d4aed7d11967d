using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Pins;
using Likeness.Core.Providers;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Videos;
using Likeness.Core.Videos;
using Likeness.Core.Videos.Drift;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Videos.Drift;

namespace Likeness.Workspace.Studies.Videos;

/// <summary>
/// A study's clips (<see cref="StudyVideoRequest"/>): for each character and video provider, a clip from the character's
/// default pin through the video service (reserved, charged or refunded as any video, and made once per request, so a
/// re-run reuses it), followed frame by frame by <see cref="MadeVideoChecker"/>, then copied into the study folder with
/// its drift page. With <c>compare_references</c> each clip is also made from the frontal image alone. A clip that
/// cannot be made is a row with its error, never a failed study.
/// </summary>
public sealed class StudyVideos(LikenessWorkspace workspace)
{
    /// <summary>The study folder's subfolder for clips and their drift pages.</summary>
    public const string Folder = "videos";

    /// <summary>Checks every video provider of <paramref name="study"/> before anything runs: it exists, has its key and makes video from a pin.</summary>
    public static void Check(StudyDefinition study, ProviderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(registry);
        IReadOnlyList<string> providers = study.Video?.Providers ?? [];
        for (int i = 0; i < providers.Count; i++)
        {
            string name = providers[i];
            StudyFileException Error(string problem) => new(study.SourceFile, 0, $"video.providers[{i}]", problem);
            ProviderDescriptor descriptor = registry.Descriptors.FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw Error($"unknown provider '{name}'; known: {string.Join(", ", registry.Descriptors.Select(d => d.Name))}.");
            if (!descriptor.IsAvailable)
            {
                throw Error($"{descriptor.DisplayName} needs its API key in {descriptor.KeyVariable}.");
            }

            if (!descriptor.Capabilities.HasFlag(ProviderCapabilities.ElementVideo))
            {
                throw Error($"{descriptor.DisplayName} makes no video from a pinned character.");
            }
        }
    }

    /// <summary>Makes (or reuses) every clip the study asks for, one after another, and returns a row for each.</summary>
    public async Task<IReadOnlyList<StudyVideoResult>> RunAsync(
        StudyDefinition study, IReadOnlyList<Character> characters, string folder, IProgress<string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(characters);
        if (study.Video is not { } request)
        {
            return [];
        }

        Directory.CreateDirectory(Path.Combine(folder, Folder));
        bool[] variants = request.CompareReferences ? [true, false] : [true];
        var rows = new List<StudyVideoResult>();
        foreach (Character character in characters)
        {
            Pin? pin = null;
            string? problem = null;
            try
            {
                pin = await workspace.Pins.EnsureDefaultAsync(character, cancellationToken).ConfigureAwait(false);
            }
            catch (Core.RuleViolationException ex)
            {
                problem = ex.Message;
            }

            foreach (string provider in request.Providers.Select(p => workspace.Providers.Describe(p).Name))
            {
                foreach (bool withReferences in variants)
                {
                    var row = new StudyVideoResult
                    {
                        Character = character.Name,
                        Provider = provider,
                        WithReferences = withReferences,
                        Status = StudyStatuses.Failed,
                        DurationSeconds = request.DurationSeconds,
                        Error = problem,
                    };
                    row = pin is null ? row : await MakeAsync(row, pin, request, folder, cancellationToken).ConfigureAwait(false);
                    log?.Report($"{character.Name}: video at {provider}{(withReferences ? "" : " (frontal image only)")}: {row.Status}{(row.Error is null ? "" : $" ({row.Error})")}");
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    private async Task<StudyVideoResult> MakeAsync(StudyVideoResult row, Pin pin, StudyVideoRequest request, string folder, CancellationToken cancellationToken)
    {
        try
        {
            Video video = await workspace.Videos.GenerateAsync(
                pin, row.Provider, request.Prompt, request.DurationSeconds, request.AspectRatio, row.WithReferences, null, cancellationToken).ConfigureAwait(false);
            row = row with
            {
                VideoId = video.Id.ToString(),
                Status = video.Status == VideoStatus.Succeeded ? StudyStatuses.Succeeded : StudyStatuses.Failed,
                Error = video.Error,
                Seconds = video.ActualSeconds,
                CostUsd = video.CostUsd,
                LatencyMs = video.LatencyMs,
                Simulated = video.Simulated,
            };
            if (video.Status != VideoStatus.Succeeded || video.AssetSha256 is not { } sha)
            {
                return row;
            }

            string clip = $"{Folder}/{video.Id:N}{MadeVideoChecker.Extension(video.ContentType)}";
            await CopyOnceAsync(sha, Path.Combine(folder, clip), cancellationToken).ConfigureAwait(false);
            if (video.IdentityReportSha256 is not { } json || video.IdentityChartSha256 is not { } html)
            {
                return row with { Clip = clip, NotChecked = video.IdentityNote ?? "not checked" };
            }

            string page = $"{Folder}/{video.Id:N}.{DriftFiles.Html}";
            await CopyOnceAsync(html, Path.Combine(folder, page), cancellationToken).ConfigureAwait(false);
            DriftReport drift = DriftFiles.ReadDrift(await workspace.Assets.ReadAllBytesAsync(json, cancellationToken).ConfigureAwait(false));
            return row with { Clip = clip, DriftPage = page, Drift = drift };
        }
#pragma warning disable CA1031 // A clip that cannot be made or read is a failed row, not a failed study.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return row with { Status = StudyStatuses.Failed, Error = ex.Message };
        }
    }

    /// <summary>Writes a stored file into the study folder once (through a temporary name); an existing copy is kept.</summary>
    private async Task CopyOnceAsync(string sha256, string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return;
        }

        string temporary = path + ".tmp";
        await using (Stream source = await workspace.Assets.OpenReadAsync(sha256, cancellationToken).ConfigureAwait(false))
        await using (FileStream target = File.Create(temporary))
        {
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
