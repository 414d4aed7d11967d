using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Shots;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Routing;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Gates;

/// <summary>
/// Gated generation: makes a shot, judges it against the character's calibration and keeps it when it passes; a
/// shot that fails is kept too, marked with its verdict, and re-rolled with the next seed, until N pass, A
/// attempts are made, or the cost cap would be passed, whichever comes first. Each attempt is admitted against the
/// cap before it is sent (<see cref="CostCapBook.TryAdmitAsync"/>) at the provider's estimate and settled at what
/// it cost, so concurrent requests sharing a cap never spend past it. The gate refuses before any attempt when the
/// character cannot be judged (no engine, or references that cannot calibrate a threshold). A request with
/// companions makes multi-character shots and judges each for bleed against every calibrated cast member.
/// </summary>
public sealed partial class ShotGate(
    IDbContextFactory<LikenessDbContext> database, ShotRunner shots, RoutedShots routed, CharacterCatalog characters, CalibrationBook calibrations, ShotJudge judge,
    CostCapBook caps, ILogger<ShotGate> log)
{
    private readonly ILogger _log = log;

    /// <summary>Runs the gated request; <paramref name="attempted"/> hears each judged attempt as it lands.</summary>
    public Task<GateResult> RunAsync(GateRequest request, Func<Shot, Task>? attempted = null, CancellationToken cancellationToken = default) =>
        RunOutcomesAsync(request, attempted is null ? null : outcome => attempted(outcome.Shot), cancellationToken);

    /// <summary>Runs the gated request; <paramref name="attempted"/> hears each judged attempt with whether it came from the cache.</summary>
    public async Task<GateResult> RunOutcomesAsync(GateRequest request, Func<ShotOutcome, Task>? attempted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        GateSubject subject = await calibrations.SubjectAsync(request.Character, cancellationToken).ConfigureAwait(false);
        CharacterCalibration calibration = await calibrations.CurrentAsync(request.Character, subject, request.TargetFalseAcceptRate, cancellationToken).ConfigureAwait(false);
        if (!calibration.Usable)
        {
            throw Unusable(request.Character, calibration);
        }

        var (expected, cast) = request.Companions.Count > 0
            ? await CastAsync(request.Character, request.Companions, request.TargetFalseAcceptRate, subject, calibration, cancellationToken).ConfigureAwait(false)
            : ([], []);

        // The cap counts admitted shots; with a preview each attempt (seed) may admit a draft and a full shot.
        int capShots = request.Preview == GatePreview.None ? request.MaxAttempts : 2 * request.MaxAttempts;
        Guid capId = request.CapId
            ?? (await caps.CreateAsync(request.Character.ProjectId, request.MaxCostUsd!.Value, capShots, cancellationToken).ConfigureAwait(false)).Id;
        var kept = new List<Shot>();
        var rejected = new List<Shot>();
        var drafts = new List<Shot>();
        decimal spent = 0;
        int seeds = 0;
        GateStop stop = GateStop.Enough;
        for (int attempt = 1; kept.Count < request.Keep; attempt++)
        {
            if (attempt > request.MaxAttempts)
            {
                stop = GateStop.MaxAttempts;
                break;
            }

            int offset = attempt - 1;
            // Each route entry's request (the identity's dialect) with this attempt's seed.
            ShotRequest Next(ShotRequest first) => first with { Seed = first.Seed + offset, Companions = [.. request.Companions.Select(c => c.Id)] };
            var context = new Attempt(request, subject, calibration, expected, cast, capId, attempt, attempted);
            if (request.Preview != GatePreview.None)
            {
                // The draft first; the full shot (same seed) only when the draft passes, or always in check mode.
                (Shot? draft, decimal draftCost) = await AttemptAsync(context, e => shots.Draft(e.Identity, Next(e.Shot)), draft: true, cancellationToken).ConfigureAwait(false);
                if (draft is null)
                {
                    stop = GateStop.CostCap;
                    break;
                }

                seeds++;
                spent += draftCost;
                drafts.Add(draft);
                if (!draft.Verdict!.Kept && request.Preview == GatePreview.Drafts)
                {
                    continue;
                }
            }

            (Shot? shot, decimal cost) = await AttemptAsync(context, e => Next(e.Shot), draft: false, cancellationToken).ConfigureAwait(false);
            if (shot is null)
            {
                stop = GateStop.CostCap;
                break;
            }

            seeds += request.Preview == GatePreview.None ? 1 : 0;
            spent += cost;
            (shot.Verdict!.Kept ? kept : rejected).Add(shot);
        }

        return new GateResult(kept, rejected, seeds, spent, stop, calibration, capId, subject.Fallback) { Drafts = drafts };
    }

    /// <summary>
    /// One shot of an attempt: admitted against the cap at its estimate (null when the cap refuses), made, settled at
    /// what it cost, judged, its verdict saved, and heard.
    /// </summary>
    private async Task<(Shot? Shot, decimal Cost)> AttemptAsync(Attempt a, Func<RoutedIdentity, ShotRequest> shape, bool draft, CancellationToken cancellationToken)
    {
        ShotRoute route = a.Request.Plan;
        var requests = route.Serving.ToDictionary(e => e.Entry, shape);
        // The dearest entry's estimate: whichever entry serves, the cap holds.
        decimal estimate = route.Serving.Max(e => shots.Estimate(e.Identity, requests[e.Entry]));
        if (!await caps.TryAdmitAsync(a.CapId, estimate, cancellationToken).ConfigureAwait(false))
        {
            return (null, 0);
        }

        ShotOutcome outcome;
        decimal cost = 0;
        try
        {
            outcome = await routed.GenerateAsync(a.Request.Character, route, e => requests[e.Entry], a.Request.UseCache, a.Request.Payer, cancellationToken: cancellationToken).ConfigureAwait(false);
            cost = outcome.FromCache ? 0 : outcome.Shot.CostUsd;
        }
        finally
        {
            await caps.SettleAsync(a.CapId, estimate, cost, CancellationToken.None).ConfigureAwait(false);
        }

        Shot shot = outcome.Shot;
        ShotVerdict verdict = a.Expected.Count > 0
            ? await judge.JudgeCastAsync(shot, a.Expected, a.Cast, a.Request.BleedMargin, a.CapId, a.Number, cancellationToken).ConfigureAwait(false)
            : await judge.JudgeAsync(shot, a.Subject, a.Calibration, a.CapId, a.Number, cancellationToken).ConfigureAwait(false);
        shot.SetVerdict(verdict with { Draft = draft });
        await SaveVerdictAsync(shot, cancellationToken).ConfigureAwait(false);
        if (!verdict.Kept)
        {
            Rejected(_log, shot.Id, a.Number, verdict.Reason);
        }

        if (a.Heard is not null)
        {
            await a.Heard(outcome).ConfigureAwait(false);
        }

        return (shot, cost);
    }

    /// <summary>
    /// What a multi-character shot of <paramref name="character"/> with <paramref name="companions"/> is judged against
    /// (<see cref="ShotJudge.JudgeCastAsync"/>), as the gate judges one: a study judges its ungated two-character shots
    /// this way. Refused (<see cref="RuleViolationException"/>) when a character in the frame cannot be judged by faces.
    /// </summary>
    internal async Task<(IReadOnlyList<CastCalibration> Expected, IReadOnlyList<CastCalibration> Cast)> CastOfAsync(
        Character character, IReadOnlyList<Character> companions, double targetFalseAcceptRate, CancellationToken cancellationToken)
    {
        GateSubject subject = await calibrations.SubjectAsync(character, cancellationToken).ConfigureAwait(false);
        CharacterCalibration calibration = await calibrations.CurrentAsync(character, subject, targetFalseAcceptRate, cancellationToken).ConfigureAwait(false);
        return calibration.Usable
            ? await CastAsync(character, companions, targetFalseAcceptRate, subject, calibration, cancellationToken).ConfigureAwait(false)
            : throw Unusable(character, calibration);
    }

    private static RuleViolationException Unusable(Character character, CharacterCalibration calibration) =>
        new($"The gate cannot judge {character.Name}: calibration v{calibration.Version} ({calibration.Metric}) has no threshold. {string.Join(" ", calibration.Warnings)}")
        { Character = character.Name };

    /// <summary>
    /// The characters a multi-character request expects and the cast its faces are matched against: every character of
    /// the project whose references calibrate a face threshold. An expected character that cannot be judged by faces
    /// refuses the request before any attempt; another cast member that cannot is left out of the matching.
    /// </summary>
    private async Task<(IReadOnlyList<CastCalibration> Expected, IReadOnlyList<CastCalibration> Cast)> CastAsync(
        Character character, IReadOnlyList<Character> companions, double targetFalseAcceptRate, GateSubject subject, CharacterCalibration calibration,
        CancellationToken cancellationToken)
    {
        var expected = new List<CastCalibration> { Member(character, subject, calibration) };
        var cast = new List<CastCalibration> { expected[0] };
        foreach (Character c in await characters.ListAsync(character.ProjectId, cancellationToken).ConfigureAwait(false))
        {
            if (c.Id == character.Id)
            {
                continue;
            }

            bool wanted = companions.Any(w => w.Id == c.Id);
            CastCalibration? member = null;
            try
            {
                GateSubject theirs = await calibrations.SubjectAsync(c, cancellationToken).ConfigureAwait(false);
                CharacterCalibration calibrated = await calibrations.CurrentAsync(c, theirs, targetFalseAcceptRate, cancellationToken).ConfigureAwait(false);
                member = theirs.Metric == GateMetrics.Face && calibrated.Usable ? new CastCalibration(c, theirs, calibrated) : null;
            }
            catch (RuleViolationException) when (!wanted)
            {
                // No engine can judge this one; it is simply not matched against.
            }

            if (member is not null)
            {
                cast.Add(member);
            }

            if (wanted)
            {
                expected.Add(member ?? throw NotJudgeable(c));
            }
        }

        if (expected.Count != companions.Count + 1)
        {
            Character stranger = companions.First(w => expected.All(e => e.Character.Id != w.Id));
            throw new NotFoundException(EntityKind.Character, stranger.Name, $"{stranger.Name} is not a character of this project.");
        }

        return (expected, cast);
    }

    private static CastCalibration Member(Character character, GateSubject subject, CharacterCalibration calibration) =>
        subject.Metric == GateMetrics.Face ? new CastCalibration(character, subject, calibration) : throw NotJudgeable(character);

    private static RuleViolationException NotJudgeable(Character character) =>
        new($"The gate cannot check a multi-character shot for {character.Name}: bleed is judged by faces, and its references have no usable face calibration.")
        { Character = character.Name };

    [LoggerMessage(Level = LogLevel.Information, Message = "Gate rejected shot {ShotId} (attempt {Attempt}): {Reason}")]
    private static partial void Rejected(ILogger logger, Guid shotId, int attempt, VerdictReason reason);

    /// <summary>What every shot of one attempt shares.</summary>
    private sealed record Attempt(
        GateRequest Request, GateSubject Subject, CharacterCalibration Calibration, IReadOnlyList<CastCalibration> Expected, IReadOnlyList<CastCalibration> Cast,
        Guid CapId, int Number, Func<ShotOutcome, Task>? Heard);

    private async Task SaveVerdictAsync(Shot shot, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        db.Shots.Attach(shot);
        db.Entry(shot).Property(s => s.Verdict).IsModified = true;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
