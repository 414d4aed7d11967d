using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Shots;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
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
    IDbContextFactory<LikenessDbContext> database, ShotRunner shots, CharacterCatalog characters, CalibrationBook calibrations, ShotJudge judge, CostCapBook caps,
    ILogger<ShotGate> log)
{
    private readonly ILogger _log = log;

    /// <summary>Runs the gated request; <paramref name="attempted"/> hears each judged attempt as it lands.</summary>
    public async Task<GateResult> RunAsync(GateRequest request, Func<Shot, Task>? attempted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        GateSubject subject = await calibrations.SubjectAsync(request.Character, cancellationToken).ConfigureAwait(false);
        CharacterCalibration calibration = await calibrations.CurrentAsync(request.Character, subject, request.TargetFalseAcceptRate, cancellationToken).ConfigureAwait(false);
        if (!calibration.Usable)
        {
            throw new RuleViolationException(
                $"The gate cannot judge {request.Character.Name}: calibration v{calibration.Version} ({calibration.Metric}) has no threshold. {string.Join(" ", calibration.Warnings)}")
            { Character = request.Character.Name };
        }

        var (expected, cast) = request.Companions.Count > 0
            ? await CastAsync(request, subject, calibration, cancellationToken).ConfigureAwait(false)
            : ([], []);
        Guid capId = request.CapId
            ?? (await caps.CreateAsync(request.Character.ProjectId, request.MaxCostUsd!.Value, request.MaxAttempts, cancellationToken).ConfigureAwait(false)).Id;
        var kept = new List<Shot>();
        var rejected = new List<Shot>();
        decimal spent = 0;
        GateStop stop = GateStop.Enough;
        for (int attempt = 1; kept.Count < request.Keep; attempt++)
        {
            if (attempt > request.MaxAttempts)
            {
                stop = GateStop.MaxAttempts;
                break;
            }

            ShotRequest next = request.Shot with { Seed = request.Shot.Seed + attempt - 1, Companions = [.. request.Companions.Select(c => c.Id)] };
            decimal estimate = shots.Estimate(request.Identity, next);
            if (!await caps.TryAdmitAsync(capId, estimate, cancellationToken).ConfigureAwait(false))
            {
                stop = GateStop.CostCap;
                break;
            }

            ShotOutcome outcome;
            decimal cost = 0;
            try
            {
                outcome = await shots.GenerateAsync(request.Character, request.Identity, next, request.UseCache, cancellationToken).ConfigureAwait(false);
                cost = outcome.FromCache ? 0 : outcome.Shot.CostUsd;
            }
            finally
            {
                await caps.SettleAsync(capId, estimate, cost, CancellationToken.None).ConfigureAwait(false);
            }

            spent += cost;
            Shot shot = outcome.Shot;
            ShotVerdict verdict = expected.Count > 0
                ? await judge.JudgeCastAsync(shot, expected, cast, request.BleedMargin, capId, attempt, cancellationToken).ConfigureAwait(false)
                : await judge.JudgeAsync(shot, subject, calibration, capId, attempt, cancellationToken).ConfigureAwait(false);
            shot.SetVerdict(verdict);
            await SaveVerdictAsync(shot, cancellationToken).ConfigureAwait(false);
            (verdict.Kept ? kept : rejected).Add(shot);
            if (!verdict.Kept)
            {
                Rejected(_log, shot.Id, attempt, verdict.Reason);
            }

            if (attempted is not null)
            {
                await attempted(shot).ConfigureAwait(false);
            }
        }

        return new GateResult(kept, rejected, kept.Count + rejected.Count, spent, stop, calibration, capId, subject.Fallback);
    }

    /// <summary>
    /// The characters a multi-character request expects and the cast its faces are matched against: every character of
    /// the project whose references calibrate a face threshold. An expected character that cannot be judged by faces
    /// refuses the request before any attempt; another cast member that cannot is left out of the matching.
    /// </summary>
    private async Task<(IReadOnlyList<CastCalibration> Expected, IReadOnlyList<CastCalibration> Cast)> CastAsync(
        GateRequest request, GateSubject subject, CharacterCalibration calibration, CancellationToken cancellationToken)
    {
        var expected = new List<CastCalibration> { Member(request.Character, subject, calibration) };
        var cast = new List<CastCalibration> { expected[0] };
        foreach (Character c in await characters.ListAsync(request.Character.ProjectId, cancellationToken).ConfigureAwait(false))
        {
            if (c.Id == request.Character.Id)
            {
                continue;
            }

            bool wanted = request.Companions.Any(w => w.Id == c.Id);
            CastCalibration? member = null;
            try
            {
                GateSubject theirs = await calibrations.SubjectAsync(c, cancellationToken).ConfigureAwait(false);
                CharacterCalibration calibrated = await calibrations.CurrentAsync(c, theirs, request.TargetFalseAcceptRate, cancellationToken).ConfigureAwait(false);
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

        if (expected.Count != request.Companions.Count + 1)
        {
            Character stranger = request.Companions.First(w => expected.All(e => e.Character.Id != w.Id));
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

    private async Task SaveVerdictAsync(Shot shot, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        db.Shots.Attach(shot);
        db.Entry(shot).Property(s => s.Verdict).IsModified = true;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
