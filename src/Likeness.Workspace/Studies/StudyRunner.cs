using System.Collections.Concurrent;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Gates.Bleed;
using Likeness.Core.Identity;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;
using Likeness.Core.Studies.Bleed;
using Likeness.Core.Studies.Gating;
using Likeness.Core.Studies.Scorecard;
using Likeness.Imaging;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Reporting;
using Likeness.Workspace.Studies.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Studies;

/// <summary>
/// Runs a study: imports the cast, makes (or reuses) each character's identity at each compared provider,
/// shoots every scenario and variation through the normal shot path (cache, ledger, costs), the providers in
/// parallel and each within its <c>MaxConcurrency</c>, then scores and calibrates. A failed shot or identity is
/// recorded in its rows, never fatal. A re-run only calls providers for what is missing: finished shots come
/// from the shot cache. With a payer (a member who started it on the server), every paid call (shots, identity
/// trainings) is held by their credits and quota too, and the first refusal of those stops the study: what was made
/// stays made and charged, the rest is not asked for, and the summary carries the refusal. A provider refusing the API
/// key for a fresh shot stops it the same way (every next shot would be refused too), and so does a shot whose collect
/// stopped with its call kept at the provider (a key refused, or a passing failure, while asking about a call it has):
/// the summary says it waits, and running the study again collects that call instead of sending it again.
/// A two-character scenario (<see cref="StudyScenario.With"/>) is shot only where the provider
/// makes multi-character shots, and each of its shots is judged for bleed.
/// </summary>
public sealed class StudyRunner(LikenessWorkspace workspace)
{
    private static readonly IReadOnlyList<Character> NoCompanions = [];

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _identityGates = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="study"/> into <paramref name="folder"/>, writes results.csv, results.json and report.html there, and
    /// returns what it measured; its paid calls are charged to <paramref name="payer"/>'s credits too, when given.
    /// </summary>
    public async Task<StudyRunSummary> RunAsync(
        StudyDefinition study, string folder, bool useCache = true, IProgress<StudyProgress>? progress = null, IProgress<string>? log = null,
        Payer? payer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        IReadOnlyList<StudyProviderPlan> plans = StudyProviderPlan.For(study, workspace.Providers);
        Videos.StudyVideos.Check(study, workspace.Providers);
        IReadOnlyList<Character> characters = await CharactersAsync(study, log, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        var references = new Dictionary<Guid, StudyReferenceSet>();
        foreach (Character character in characters)
        {
            references[character.Id] = await StudyReferenceSet.LoadAsync(workspace, character, cancellationToken).ConfigureAwait(false);
        }

        Dictionary<string, float[]>? scenes = workspace.Clip is { } clip ? study.Scenarios.ToDictionary(s => s.Name, s => clip.EmbedText(s.Scene)) : null;
        IReadOnlyDictionary<string, IReadOnlyList<Character>> companions = await CompanionsAsync(study, characters, cancellationToken).ConfigureAwait(false);
        var notApplicable = (from scenario in study.Scenarios
                             where scenario.With.Count > 0
                             from plan in plans
                             let reason = MultiCharacterRefusal(plan)
                             where reason is not null
                             select new StudyNotApplicable(plan.Entry.Label, scenario.Name, reason!)).ToList();

        // A gated study makes one item per cell (its attempts become its rows); otherwise one item per variation. A
        // two-character scenario is left out where the provider cannot make it, and for the characters it names as companions.
        int perCell = study.Gate is null ? study.Variations : 1;
        var items = (from character in characters
                     from plan in plans
                     from scenario in study.Scenarios
                     let others = companions.GetValueOrDefault(scenario.Name) ?? NoCompanions
                     where others.Count == 0 || (MultiCharacterRefusal(plan) is null && others.All(o => o.Id != character.Id))
                     from variation in Enumerable.Range(1, perCell)
                     select (character, plan, scenario, variation, others)).Select((x, i) => new Item(i, x.character, x.plan, x.scenario, x.variation, x.others)).ToList();
        var context = new RunContext(study, folder, useCache, payer, references, scenes, new IReadOnlyList<Measured>[items.Count], new ProgressCounter(items.Count, progress), new RunStop());
        StudyProviderFacts[] facts = await Task.WhenAll(plans.Select(plan =>
            RunProviderAsync(plan, characters, [.. items.Where(i => i.Plan == plan)], context, log, cancellationToken))).ConfigureAwait(false);

        IReadOnlyList<Core.Studies.Videos.StudyVideoResult> videos = await new Videos.StudyVideos(workspace).RunAsync(study, characters, folder, log, cancellationToken).ConfigureAwait(false);
        Measured[] measured = [.. context.Rows.SelectMany(r => r)];
        double?[] self = SelfConsistency.Compute([.. measured.Select(m => $"{m.Row.Character}\u001f{m.Row.Provider}\u001f{m.Row.Scenario}")], [.. measured.Select(m => m.Descriptor)]);
        var results = new StudyResults
        {
            Name = study.Name,
            FinishedAt = workspace.Time.GetUtcNow(),
            Shots = [.. measured.Select((m, i) => m.Row with { SelfConsistency = self[i] })],
            Providers = facts,
            Calibration = await CalibrationSampler.CollectAsync(workspace.Characters, workspace.Faces, characters, cancellationToken).ConfigureAwait(false),
            DinoCalibration = await DinoCalibrationSampler.CollectAsync(workspace, characters, cancellationToken).ConfigureAwait(false),
            TargetFalseAcceptRate = study.TargetFalseAcceptRate,
            ScorecardWeights = study.ScorecardWeights,
            ProjectedCharacters = study.ProjectionCharacters,
            Gate = study.Gate,
            SuccessCriteria = study.SuccessCriteria,
            ProjectionScales = study.ProjectionScales,
            TrainingAmortisationMonths = study.TrainingAmortisationMonths,
            ExpectedClipI = study.Scenarios.Where(s => s.ExpectedThreshold is not null).ToDictionary(s => s.Name, s => s.ExpectedThreshold!.Value),
            NotApplicable = notApplicable,
            Video = study.Video,
            Videos = videos,
        };
        (StudyResults scored, StudyAnalysis analysis) = await StudyOutputs.WriteScoredAsync(results, folder, cancellationToken).ConfigureAwait(false);
        return new StudyRunSummary(scored, analysis, folder) { Refusal = context.Stop.Refusal, Waiting = context.Stop.Waiting };
    }

    private async Task<IReadOnlyList<Character>> CharactersAsync(StudyDefinition study, IProgress<string>? log, CancellationToken cancellationToken)
    {
        var characters = new List<Character>();
        if (study.Cast is { } cast)
        {
            characters.AddRange(await new CastImporter(workspace).ImportAsync(cast, log, cancellationToken).ConfigureAwait(false));
        }

        foreach (string name in study.Characters)
        {
            Character character = await workspace.Characters.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (characters.All(c => c.Id != character.Id))
            {
                characters.Add(character);
            }
        }

        return characters;
    }

    /// <summary>Each two-character scenario's companions, looked up in the project of the study's first character.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<Character>>> CompanionsAsync(
        StudyDefinition study, IReadOnlyList<Character> characters, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<Character>>(StringComparer.Ordinal);
        foreach (StudyScenario scenario in study.Scenarios.Where(s => s.With.Count > 0))
        {
            var others = new List<Character>();
            foreach (string name in scenario.With)
            {
                others.Add(await workspace.Characters.GetAsync(characters[0].ProjectId, name, cancellationToken).ConfigureAwait(false));
            }

            result[scenario.Name] = others;
        }

        return result;
    }

    /// <summary>
    /// Why <paramref name="plan"/> cannot make a two-character shot (the shot path's rule: reference generation at a
    /// provider with multi-character shots); null when it can.
    /// </summary>
    private static string? MultiCharacterRefusal(StudyProviderPlan plan) =>
        plan.Kind != IdentityModelKind.Reference ? $"{plan.Descriptor.DisplayName} shoots this entry with a trained identity, and multi-character shots are made from references."
        : !plan.Descriptor.Capabilities.HasFlag(ProviderCapabilities.MultiCharacter) ? $"{plan.Descriptor.DisplayName} cannot put several characters in one shot."
        : null;

    private async Task<StudyProviderFacts> RunProviderAsync(
        StudyProviderPlan plan, IReadOnlyList<Character> characters, IReadOnlyList<Item> items, RunContext context, IProgress<string>? log, CancellationToken cancellationToken)
    {
        var identities = new Dictionary<Guid, IdentityModel>();
        var failures = new Dictionary<Guid, string>();
        // Only characters with shots at this entry get an identity: a scenario it cannot make costs it nothing.
        foreach (Character character in characters.Where(c => items.Any(i => i.Character.Id == c.Id)))
        {
            if (context.Stop.Reason is { } refusal)
            {
                failures[character.Id] = NotMade(refusal);
                continue;
            }

            try
            {
                IdentityModel identity = await EnsureIdentityAsync(character, plan, context.Payer, log, cancellationToken).ConfigureAwait(false);
                if (identity.Status == IdentityModelStatus.Ready)
                {
                    identities[character.Id] = identity;
                }
                else
                {
                    failures[character.Id] = $"identity at {plan.Descriptor.Name} {identity.Status.ToString().ToLowerInvariant()}: {identity.FailureReason}";
                }
            }
#pragma warning disable CA1031 // A provider that cannot make an identity fails its rows, not the study.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                context.Stop.Note(ex);
                failures[character.Id] = $"identity at {plan.Descriptor.Name} failed: {ex.Message}";
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, plan.Descriptor.Limits.MaxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, options, async (item, ct) =>
        {
            context.Rows[item.Index] = failures.TryGetValue(item.Character.Id, out string? error)
                ? [new Measured(Row(item, context.Study) with { Error = error, With = item.Companions.Count == 0 ? null : [.. item.Companions.Select(c => c.Name)] }, null)]
                : context.Stop.Reason is { } refusal ? [new Measured(Row(item, context.Study) with { Error = NotMade(refusal), With = item.Companions.Count == 0 ? null : [.. item.Companions.Select(c => c.Name)] }, null)]
                : context.Study.Gate is null ? [await ShootAsync(item, identities[item.Character.Id], context, ct).ConfigureAwait(false)]
                : await GateAsync(item, identities[item.Character.Id], context, ct).ConfigureAwait(false);
            context.Progress.Finished(context.Rows[item.Index][^1].Row);
        }).ConfigureAwait(false);
        return Facts(plan, identities.Values.ToList(), context.Study);
    }

    /// <summary>
    /// The character's identity for <paramref name="plan"/> (see <see cref="Identity.IdentityManager.EnsureAsync"/>).
    /// Entries that share a provider and approach wait for each other here, so they share one identity.
    /// </summary>
    private async Task<IdentityModel> EnsureIdentityAsync(Character character, StudyProviderPlan plan, Payer? payer, IProgress<string>? log, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate = _identityGates.GetOrAdd($"{character.Id}|{plan.Descriptor.Name.ToUpperInvariant()}|{plan.Kind}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await workspace.Identities.EnsureAsync(character, plan.Descriptor.Name, plan.Kind, log, payer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Measured> ShootAsync(Item item, IdentityModel identity, RunContext context, CancellationToken cancellationToken)
    {
        StudyShotResult row = Row(item, context.Study);
        try
        {
            ShotRequest request = Request(item, identity, context.Study, row.Seed);
            ShotOutcome outcome = await workspace.Shots.GenerateAsync(item.Character, identity, request, context.UseCache, context.Payer, cancellationToken: cancellationToken).ConfigureAwait(false);
            context.Stop.Note(outcome);
            Measured measured = await MeasureAsync(item, row, outcome, context, cancellationToken).ConfigureAwait(false);
            return item.Companions.Count == 0 ? measured
                : WithBleed(item, measured, outcome.Shot, await JudgeBleedAsync(item, outcome.Shot, context, cancellationToken).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // A shot that cannot be made or read is a failed row, not a failed study.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            context.Stop.NoteShot(ex);
            return new Measured(Failed(row, ex), null);
        }
    }

    /// <summary>
    /// One gated cell: the gate makes attempts from the cell's first seed (re-rolls take the next seeds) until it
    /// keeps N, runs out of attempts or would pass the cell's money; every attempt becomes a row with its verdict.
    /// </summary>
    private async Task<IReadOnlyList<Measured>> GateAsync(Item item, IdentityModel identity, RunContext context, CancellationToken cancellationToken)
    {
        StudyGate gate = context.Study.Gate!;
        var rows = new List<Measured>();
        StudyShotResult first = Row(item, context.Study);
        try
        {
            var request = new GateRequest
            {
                Character = item.Character,
                Identity = identity,
                Shot = Request(item, identity, context.Study, first.Seed),
                Keep = gate.Keep,
                MaxAttempts = gate.MaxAttempts,
                MaxCostUsd = gate.MaxCostUsd,
                TargetFalseAcceptRate = context.Study.TargetFalseAcceptRate,
                Preview = gate.Preview,
                UseCache = context.UseCache,
                Payer = context.Payer,
                Companions = item.Companions,
            };
            await workspace.Gate.RunOutcomesAsync(request, async outcome =>
            {
                context.Stop.Note(outcome);
                ShotVerdict verdict = outcome.Shot.Verdict!;
                StudyShotResult row = first with { Variation = verdict.Attempt, Seed = outcome.Shot.Request.Seed, Verdict = VerdictCodes.Of(verdict.Reason), Draft = verdict.Draft ? true : null };
                Measured measured = await MeasureAsync(item, row, outcome, context, cancellationToken).ConfigureAwait(false);
                rows.Add(item.Companions.Count == 0 ? measured : WithBleed(item, measured, outcome.Shot, verdict.Bleed));
            }, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A cell the gate cannot run (no usable calibration, a failed read) is a failed row, not a failed study.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            context.Stop.NoteShot(ex);
            rows.Add(new Measured(Failed(first with { Variation = rows.Count + 1 }, ex), null));
        }

        return rows.Count > 0 ? rows : [new Measured(first with { Error = "the gate made no attempt (its cap allows none)" }, null)];
    }

    private static ShotRequest Request(Item item, IdentityModel identity, StudyDefinition study, long seed)
    {
        PromptDialect dialect = identity.Kind == IdentityModelKind.Trained ? item.Plan.Descriptor.TrainedDialect : PromptDialect.Reference;
        BuiltPrompt prompt = PromptBuilder.Build(item.Character, item.Scenario.Scene, dialect);
        (int width, int height) = item.Scenario.SizeAt(study.Megapixels);
        return StudyShotParameters.Apply(
            new ShotRequest
            {
                Prompt = ShotPlanner.WithCompanions(prompt.Prompt, item.Companions),
                Companions = [.. item.Companions.Select(c => c.Id)],
                NegativePrompt = prompt.NegativePrompt,
                Scenario = item.Scenario.Name,
                AspectRatio = item.Scenario.AspectRatio,
                Width = width,
                Height = height,
                Seed = seed,
            },
            item.Plan.Entry.Parameters);
    }

    private static string NotMade(LikenessException refusal) => $"not made: {refusal.Message}";

    /// <summary>
    /// The bleed check of an ungated two-character shot, as the gate would judge it (every face against the project's
    /// calibrated cast); null when the shot failed or cannot be judged (no face engine, a character without a usable
    /// face calibration): the row then has no bleed verdict.
    /// </summary>
    private async Task<BleedCheck?> JudgeBleedAsync(Item item, Shot shot, RunContext context, CancellationToken cancellationToken)
    {
        if (shot.Status != ShotStatus.Succeeded)
        {
            return null;
        }

        try
        {
            var (expected, cast) = await context.Casts.GetOrAdd(
                $"{item.Character.Id}|{item.Scenario.Name}",
                _ => new Lazy<Task<(IReadOnlyList<CastCalibration>, IReadOnlyList<CastCalibration>)>>(
                    () => workspace.Gate.CastOfAsync(item.Character, item.Companions, context.Study.TargetFalseAcceptRate, cancellationToken))).Value.ConfigureAwait(false);
            ShotJudge judge = workspace.Services.GetRequiredService<ShotJudge>();
            ShotVerdict verdict = await judge.JudgeCastAsync(shot, expected, cast, BleedRules.DefaultMargin, null, item.Variation, cancellationToken).ConfigureAwait(false);
            return verdict.Bleed;
        }
#pragma warning disable CA1031 // A shot that cannot be judged for bleed keeps its row without a bleed verdict.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>
    /// A two-character row: its companions, its bleed check, the simulator's ground truth, and as its identity the
    /// face closest to its own character (the largest face may be the companion's). Its face descriptor is left out of
    /// self-consistency for the same reason.
    /// </summary>
    private static Measured WithBleed(Item item, Measured measured, Shot shot, BleedCheck? bleed)
    {
        StudyShotResult row = measured.Row with { With = [.. item.Companions.Select(c => c.Name)], SimBleed = SimBleed(shot.Metadata) };
        if (bleed is null || row.Status != StudyStatuses.Succeeded)
        {
            return new Measured(row, null);
        }

        double? own = bleed.Faces.Select(f => f.Distances.FirstOrDefault(d => d.CharacterId == item.Character.Id)?.Distance).Where(d => d is not null).Min();
        return new Measured(row with { Bleed = BleedCodes.Of(bleed), FaceDetected = bleed.Faces.Count > 0, FaceDistance = own, FaceDistanceMin = null }, null);
    }

    /// <summary>
    /// The sim's ground truth for a multi-character shot: it bled when the slots of its first image (<c>sim.shown</c>)
    /// do not show exactly the characters asked for (<c>sim.characters</c>); two that trade places are both there.
    /// Null for a provider that records none.
    /// </summary>
    private static bool? SimBleed(Dictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("sim.shown", out string? shown) || !metadata.TryGetValue("sim.characters", out string? asked))
        {
            return null;
        }

        string[] slots = shown.Split(',')[0].Split('|');
        return !slots.Order(StringComparer.Ordinal).SequenceEqual(asked.Split(',').Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static StudyShotResult Failed(StudyShotResult row, Exception ex) =>
        row with { Status = StudyStatuses.Failed, Error = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message };

    /// <summary>The row of a made shot: what the shot path measured, its image and thumbnail in the folder, and the runner's own scores.</summary>
    private async Task<Measured> MeasureAsync(Item item, StudyShotResult row, ShotOutcome outcome, RunContext context, CancellationToken cancellationToken)
    {
        Shot shot = outcome.Shot;
        try
        {
            row = row with
            {
                Status = shot.Status.ToString().ToLowerInvariant(),
                Error = shot.Error,
                Cached = outcome.FromCache,
                Simulated = shot.Simulated,
                LatencyMs = shot.LatencyMs,
                CostUsd = shot.CostUsd,
                FaceDetected = shot.Scores.FaceDetected,
                FaceDistance = shot.Scores.FaceDistanceMean,
                FaceDistanceMin = shot.Scores.FaceDistanceMin,
                DinoI = shot.Scores.Dino?.WholeMean,
                DinoIMax = shot.Scores.Dino?.WholeMax,
                DinoICrop = shot.Scores.Dino?.CropMean,
                DinoICropMax = shot.Scores.Dino?.CropMax,
                SimIdentity = shot.Metadata.GetValueOrDefault("sim.identity"),
                Prompt = shot.Request.Prompt,
                ShotId = shot.Id.ToString(),
            };
            IReadOnlyList<float>? descriptor = shot.Scores.FaceDescriptor;
            if (shot.Status != ShotStatus.Succeeded)
            {
                return new Measured(row, descriptor);
            }

            byte[] bytes = await workspace.Assets.ReadAllBytesAsync(shot.Assets[0], cancellationToken).ConfigureAwait(false);
            using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
            var (image, thumbnail) = await StudyShotImages.WriteAsync(context.Folder, shot.Id, bytes, decoded.Image, cancellationToken).ConfigureAwait(false);
            StudyImageScores scores = StudyImageScores.Measure(decoded.Image, context.References[item.Character.Id], workspace.Clip, context.Scenes?[item.Scenario.Name]);
            return new Measured(
                row with
                {
                    Image = image,
                    Thumbnail = thumbnail,
                    ClipI = scores.ClipI,
                    ClipT = scores.ClipT,
                    CopySimilarity = scores.CopySimilarity,
                    CopyPaste = scores.CopyPaste,
                },
                descriptor);
        }
#pragma warning disable CA1031 // A shot that cannot be read is a failed row, not a failed study.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new Measured(Failed(row, ex), null);
        }
    }

    private static StudyShotResult Row(Item item, StudyDefinition study) => new()
    {
        Character = item.Character.Name,
        Provider = item.Plan.Entry.Label,
        Scenario = item.Scenario.Name,
        Variation = item.Variation,
        Seed = study.SeedFor(item.Scenario.Name, item.Variation),
        Status = StudyStatuses.Failed,
        Error = "not run",
        Simulated = item.Plan.Descriptor.Simulated,
    };

    private static StudyProviderFacts Facts(StudyProviderPlan plan, List<IdentityModel> identities, StudyDefinition study)
    {
        bool trained = plan.Kind == IdentityModelKind.Trained;
        var durations = identities.Where(m => m.CompletedAt is not null).Select(m => (m.CompletedAt!.Value - m.CreatedAt).TotalSeconds).ToList();
        (double? integration, string? integrationSource) = Rating(plan.Entry.Integration, StudyProviderScores.Integration(plan.Descriptor.Name));
        (double? browser, string? browserSource) = Rating(plan.Entry.BrowserCompatibility, StudyProviderScores.BrowserCompatibility(plan.Descriptor.Name));
        decimal price = study.Scenarios.Average(s =>
        {
            (int width, int height) = s.SizeAt(study.Megapixels);
            return plan.Descriptor.Prices.EstimateImages(plan.GenerationApp, width, height, 1);
        });
        return new StudyProviderFacts
        {
            Provider = plan.Entry.Label,
            DisplayName = plan.Descriptor.DisplayName,
            Approach = trained ? "trained" : "reference",
            Simulated = plan.Descriptor.Simulated,
            TrainingSeconds = trained && durations.Count > 0 ? durations.Average() : null,
            TrainingCostUsd = !trained ? null
                : identities.Count > 0 ? identities.Average(m => m.CostUsd)
                : plan.Descriptor.Prices.EstimateTraining(plan.Descriptor.AppFor(Core.Providers.ProviderCapabilities.Training)),
            PricePerImageUsd = price,
            Integration = integration,
            IntegrationSource = integrationSource,
            BrowserCompatibility = browser,
            BrowserCompatibilitySource = browserSource,
            Sweep = plan.Entry.Sweep,
        };
    }

    /// <summary>The study file's rating, else the default table's, each with its source; neither leaves it to the scorecard's default.</summary>
    private static (double? Value, string? Source) Rating(double? fromStudyFile, double? fromTable) =>
        fromStudyFile is not null ? (fromStudyFile, RatingSources.StudyFile)
        : fromTable is not null ? (fromTable, RatingSources.DefaultTable)
        : (null, null);

    private sealed record Item(int Index, Character Character, StudyProviderPlan Plan, StudyScenario Scenario, int Variation, IReadOnlyList<Character> Companions);

    /// <summary>A row and the face descriptor of its shot (for self-consistency).</summary>
    private sealed record Measured(StudyShotResult Row, IReadOnlyList<float>? Descriptor);

    private sealed record RunContext(
        StudyDefinition Study, string Folder, bool UseCache, Payer? Payer, IReadOnlyDictionary<Guid, StudyReferenceSet> References, IReadOnlyDictionary<string, float[]>? Scenes,
        IReadOnlyList<Measured>[] Rows, ProgressCounter Progress, RunStop Stop)
    {
        /// <summary>Each (character, two-character scenario)'s cast to judge bleed against, worked out once.</summary>
        public ConcurrentDictionary<string, Lazy<Task<(IReadOnlyList<CastCalibration>, IReadOnlyList<CastCalibration>)>>> Casts { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// What stops the study, the first of each kind: a refusal of the payer's credits or quota, or a provider refusing
    /// the API key for a fresh shot (every later call would be refused the same way; a budget refusal stays a failed row,
    /// as it always was, so the CLI, which has no payer, runs as before); or a shot's collect that stopped with its call
    /// kept at the provider (<see cref="Waiting"/>). Calls already under way finish; the rest are not asked for.
    /// </summary>
    private sealed class RunStop
    {
        private LikenessException? _refusal;
        private ProviderException? _waiting;

        public LikenessException? Refusal => Volatile.Read(ref _refusal);

        /// <summary>
        /// A shot's collect the provider could not answer now (<see cref="ProviderException.Retriable"/>) or whose key it
        /// refused (<see cref="ProviderException.KeyRefused"/>): the shot runner threw it with the claim kept, so the call
        /// is collected when the study runs again, never sent again.
        /// </summary>
        public ProviderException? Waiting => Volatile.Read(ref _waiting);

        /// <summary>Why the rest is not asked for; null while the study goes on.</summary>
        public LikenessException? Reason => Refusal ?? Waiting;

        /// <summary>Notes an error thrown by a paid call (a shot or an identity).</summary>
        public void Note(Exception ex)
        {
            if (ex is InsufficientCreditsException or QuotaExceededException)
            {
                _ = Interlocked.CompareExchange(ref _refusal, (LikenessException)ex, null);
            }
        }

        /// <summary>Notes an error a shot threw: a shot runner throws a provider's error only for a call the provider already has.</summary>
        public void NoteShot(Exception ex)
        {
            Note(ex);
            if (ex is ProviderException { KeyRefused: true } or ProviderException { Retriable: true })
            {
                _ = Interlocked.CompareExchange(ref _waiting, (ProviderException)ex, null);
            }
        }

        /// <summary>Notes a shot made: failed by a key the provider refused for its submission (nothing was paid).</summary>
        public void Note(ShotOutcome outcome)
        {
            if (outcome.Failure is { KeyRefused: true } refused)
            {
                _ = Interlocked.CompareExchange(ref _refusal, refused, null);
            }
        }
    }

    private sealed class ProgressCounter(int total, IProgress<StudyProgress>? progress)
    {
        private readonly Lock _gate = new();
        private int _done, _cached, _failed;

        public void Finished(StudyShotResult row)
        {
            lock (_gate)
            {
                _done++;
                _cached += row.Cached ? 1 : 0;
                bool failed = row.Status is not (StudyStatuses.Succeeded or StudyStatuses.Moderated);
                _failed += failed ? 1 : 0;
                string state = failed ? "failed" : row.Cached ? "cached" : "new";
                progress?.Report(new StudyProgress(_done, total, _cached, _failed, $"{row.Character} · {row.Provider} · {row.Scenario} #{row.Variation}: {state}", failed));
            }
        }
    }
}
