using Likeness.Core;
using Likeness.Core.Gates;
using Likeness.Core.Shots;
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
/// character cannot be judged (no engine, or references that cannot calibrate a threshold).
/// </summary>
public sealed partial class ShotGate(
    IDbContextFactory<LikenessDbContext> database, ShotRunner shots, CalibrationBook calibrations, ShotJudge judge, CostCapBook caps, ILogger<ShotGate> log)
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

            ShotRequest next = request.Shot with { Seed = request.Shot.Seed + attempt - 1 };
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
                outcome = await shots.GenerateAsync(request.Character, request.Identity, next, request.UseCache, cancellationToken: cancellationToken).ConfigureAwait(false);
                cost = outcome.FromCache ? 0 : outcome.Shot.CostUsd;
            }
            finally
            {
                await caps.SettleAsync(capId, estimate, cost, CancellationToken.None).ConfigureAwait(false);
            }

            spent += cost;
            Shot shot = outcome.Shot;
            ShotVerdict verdict = await judge.JudgeAsync(shot, subject, calibration, capId, attempt, cancellationToken).ConfigureAwait(false);
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
