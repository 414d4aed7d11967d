using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Workspace.Shots;

namespace Likeness.Workspace.Demo;

/// <summary>What a demo run did.</summary>
public sealed record DemoSummary(IReadOnlyList<DemoRow> Rows, IReadOnlyList<ReferenceFinding> Findings, string OutputFolder)
{
    /// <summary>Shots served from the cache.</summary>
    public int FromCache => Rows.Count(r => r.Cached);

    /// <summary>Shots that failed.</summary>
    public int Failed => Rows.Count(r => r.Status != "succeeded");
}

/// <summary>
/// The whole flow offline: the sample cast becomes characters with checked references, each gets an identity
/// at the three sim profiles (one trained), and every character is shot in the five standard scenarios at each
/// profile. Results go to results.json, results.csv and an index.html gallery. A second run is served from the cache.
/// </summary>
public sealed class DemoRunner(LikenessWorkspace workspace)
{
    /// <summary>The sim profiles the demo compares, in report order.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["sim-lora", "sim-instant", "sim-reference"];

    /// <summary>Seed of every demo shot, so reruns ask for the same shots.</summary>
    public const long Seed = 42;

    /// <summary>Runs the demo with the cast in <paramref name="castFolder"/>, writing to <paramref name="outputFolder"/>.</summary>
    public async Task<DemoSummary> RunAsync(string castFolder, string outputFolder, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        DemoCast cast = DemoCast.Load(castFolder);
        var findings = new List<ReferenceFinding>();
        var rows = new List<DemoRow>();
        Directory.CreateDirectory(Path.Combine(outputFolder, "images"));
        foreach (CastMember member in cast.Characters)
        {
            Character character = await EnsureCharacterAsync(member, findings, log, cancellationToken).ConfigureAwait(false);
            foreach (string provider in Providers)
            {
                IdentityModel identity = await EnsureIdentityAsync(character, provider, log, cancellationToken).ConfigureAwait(false);
                PromptDialect dialect = identity.Kind == IdentityModelKind.Trained ? workspace.Providers.Get(provider).Descriptor.TrainedDialect : PromptDialect.Reference;
                foreach (Scenario scenario in StandardScenarios.All)
                {
                    BuiltPrompt prompt = PromptBuilder.Build(character, scenario.Scene, dialect);
                    (int width, int height) = StandardScenarios.SizeFor(scenario.AspectRatio);
                    var request = new ShotRequest
                    {
                        Prompt = prompt.Prompt,
                        NegativePrompt = prompt.NegativePrompt,
                        Scenario = scenario.Name,
                        AspectRatio = scenario.AspectRatio,
                        Width = width,
                        Height = height,
                        Seed = Seed,
                    };
                    ShotOutcome outcome = await workspace.Shots.GenerateAsync(character, identity, request, useCache: true, cancellationToken).ConfigureAwait(false);
                    rows.Add(await ToRowAsync(character, scenario, outcome, outputFolder, cancellationToken).ConfigureAwait(false));
                    log?.Report($"{character.Name,-14} {provider,-14} {scenario.Name,-24} {(outcome.FromCache ? "cached" : outcome.Shot.Status.ToString().ToLowerInvariant())}");
                }
            }
        }

        var summary = new DemoSummary(rows, findings, outputFolder);
        await DemoReport.WriteAsync(summary, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private async Task<Character> EnsureCharacterAsync(CastMember member, List<ReferenceFinding> findings, IProgress<string>? log, CancellationToken cancellationToken)
    {
        Character? character = (await workspace.Characters.ListAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.Name.Equals(member.Name, StringComparison.OrdinalIgnoreCase));
        character ??= await workspace.Characters.CreateAsync(member.Name, member.Description, member.Profile, cancellationToken: cancellationToken).ConfigureAwait(false);
        if ((await workspace.Characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            var (report, added) = await workspace.Characters.AddReferencesAsync(character, member.References, cancellationToken).ConfigureAwait(false);
            findings.AddRange(report.Findings);
            if (!report.Passed)
            {
                throw new Core.RuleViolationException($"The demo cast's references for {member.Name} were refused: {string.Join(" ", report.Errors.Select(e => e.Message))}");
            }

            log?.Report($"{member.Name}: {added.Count} references added ({report.Warnings.Count()} warnings)");
        }

        return character;
    }

    private async Task<IdentityModel> EnsureIdentityAsync(Character character, string provider, IProgress<string>? log, CancellationToken cancellationToken)
    {
        if (await workspace.Identities.LatestReadyAsync(character.Id, provider, cancellationToken).ConfigureAwait(false) is { } ready)
        {
            return ready;
        }

        log?.Report($"{character.Name}: making an identity at {provider}");
        var training = new Progress<TrainingProgress>(p => log?.Report($"  {provider}: {p.Status.ToString().ToLowerInvariant()}{(p.Fraction is { } f ? $" {f:P0}" : "")}"));
        return await workspace.Identities.CreateAsync(character, provider, training, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DemoRow> ToRowAsync(Character character, Scenario scenario, ShotOutcome outcome, string outputFolder, CancellationToken cancellationToken)
    {
        Shot shot = outcome.Shot;
        string? image = null, thumbnail = null;
        if (shot.Status == ShotStatus.Succeeded)
        {
            byte[] bytes = await workspace.Assets.ReadAllBytesAsync(shot.Assets[0], cancellationToken).ConfigureAwait(false);
            image = $"images/{shot.Id:N}.jpg";
            thumbnail = $"images/{shot.Id:N}.thumb.jpg";
            await File.WriteAllBytesAsync(Path.Combine(outputFolder, image), bytes, cancellationToken).ConfigureAwait(false);
            using DecodedImage decoded = ImageDecoder.Decode(bytes);
            double scale = 320.0 / Math.Max(decoded.Image.Width, decoded.Image.Height);
            using Image small = Resampler.Resize(decoded.Image, Math.Max(1, (int)(decoded.Image.Width * scale)), Math.Max(1, (int)(decoded.Image.Height * scale)), ResampleFilter.Lanczos3);
            await File.WriteAllBytesAsync(Path.Combine(outputFolder, thumbnail), ImageEncoder.EncodeToBytes(small, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = 85 }), cancellationToken).ConfigureAwait(false);
        }

        return new DemoRow
        {
            Character = character.Name,
            Provider = shot.Provider,
            Scenario = scenario.Name,
            Seed = shot.Request.Seed,
            Status = shot.Status.ToString().ToLowerInvariant(),
            LatencyMs = shot.LatencyMs,
            CostUsd = shot.CostUsd,
            FaceDetected = shot.Scores.FaceDetected,
            FaceDistance = shot.Scores.FaceDistanceMean,
            FaceDistanceMin = shot.Scores.FaceDistanceMin,
            SimIdentity = shot.Metadata.GetValueOrDefault("sim.identity"),
            Cached = outcome.FromCache,
            Simulated = shot.Simulated,
            Prompt = shot.Request.Prompt,
            ShotId = shot.Id.ToString(),
            Image = image,
            Thumbnail = thumbnail,
            Error = shot.Error,
        };
    }
}
