using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Pins;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Core.Videos;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Deletion;

/// <summary>
/// The rows one delete removes, read from the database: the subject, what depends on it, the claims that paid for
/// them, and what still blocks the delete (identities made from a reference, trainings under way, money held open).
/// </summary>
internal sealed class DeletionScope
{
    public required DeletionKind Kind { get; init; }

    public required Guid SubjectId { get; init; }

    public required Guid ProjectId { get; init; }

    public List<Guid> Characters { get; } = [];

    public List<ReferenceImage> References { get; } = [];

    public List<IdentityModel> Identities { get; } = [];

    public List<Shot> Shots { get; } = [];

    public List<Pin> Pins { get; } = [];

    public List<Video> Videos { get; } = [];

    public List<PaidClaim> Claims { get; } = [];

    /// <summary>Identity models outside the scope, not archived, made from a reference in it.</summary>
    public List<IdentityModel> UsedBy { get; } = [];

    /// <summary>Reservations of the scope's rows that are neither committed nor refunded.</summary>
    public List<Guid> OpenReservations { get; } = [];

    /// <summary>Every reservation that paid for a row of the scope (their ledger lines lose their descriptions).</summary>
    public List<Guid> Reservations { get; } = [];

    public IEnumerable<Guid> RowIds =>
        Characters.Concat(References.Select(r => r.Id)).Concat(Identities.Select(m => m.Id)).Concat(Shots.Select(s => s.Id))
            .Concat(Pins.Select(p => p.Id)).Concat(Videos.Select(v => v.Id));

    /// <summary>The files its rows reference (some may also be used by rows that stay).</summary>
    public HashSet<string> Assets =>
    [
        .. References.Select(r => r.AssetSha256),
        .. Shots.SelectMany(s => s.Assets),
        .. Videos.Where(v => v.AssetSha256 is not null).Select(v => v.AssetSha256!),
        .. Identities.SelectMany(m => m.Artifacts).Where(a => a.Sha256.Length > 0).Select(a => a.Sha256),
    ];

    /// <summary>What the removed work cost, as the books count it (succeeded shots and videos, ready or archived identities).</summary>
    public decimal CostUsd =>
        Shots.Where(s => s.Status == ShotStatus.Succeeded).Sum(s => s.CostUsd)
        + Videos.Where(v => v.Status == VideoStatus.Succeeded).Sum(v => v.CostUsd)
        + Identities.Where(m => m.Status is IdentityModelStatus.Ready or IdentityModelStatus.Archived).Sum(m => m.CostUsd);

    public IEnumerable<IdentityModel> Trainings => Identities.Where(m => m.Status == IdentityModelStatus.Training);

    /// <summary>Reads the scope of deleting <paramref name="kind"/> <paramref name="subjectId"/>.</summary>
    public static async Task<DeletionScope> ReadAsync(LikenessDbContext db, DeletionKind kind, Guid subjectId, Guid projectId, CancellationToken ct)
    {
        var scope = new DeletionScope { Kind = kind, SubjectId = subjectId, ProjectId = projectId };
        switch (kind)
        {
            case DeletionKind.Character:
                scope.Characters.Add(subjectId);
                scope.References.AddRange(await db.References.AsNoTracking().Where(r => r.CharacterId == subjectId).ToListAsync(ct).ConfigureAwait(false));
                scope.Identities.AddRange(await db.IdentityModels.AsNoTracking().Where(m => m.CharacterId == subjectId).ToListAsync(ct).ConfigureAwait(false));
                scope.Shots.AddRange(await db.Shots.AsNoTracking().Where(s => s.CharacterId == subjectId).ToListAsync(ct).ConfigureAwait(false));
                scope.Pins.AddRange(await db.Pins.AsNoTracking().Where(p => p.CharacterId == subjectId).ToListAsync(ct).ConfigureAwait(false));
                scope.Videos.AddRange(await db.Videos.AsNoTracking().Where(v => v.CharacterId == subjectId).ToListAsync(ct).ConfigureAwait(false));

                // A creation claimed but never given a row is still the character's (its key names the character).
                string identityKeys = $"identity:{subjectId:N}:";
                scope.Claims.AddRange(await db.Claims.AsNoTracking().Where(c => c.Key.StartsWith(identityKeys)).ToListAsync(ct).ConfigureAwait(false));
                break;
            case DeletionKind.Identity:
                scope.Identities.Add(await db.IdentityModels.AsNoTracking().SingleAsync(m => m.Id == subjectId, ct).ConfigureAwait(false));
                scope.Shots.AddRange(await db.Shots.AsNoTracking().Where(s => s.IdentityModelId == subjectId).ToListAsync(ct).ConfigureAwait(false));
                break;
            case DeletionKind.Shot:
                scope.Shots.Add(await db.Shots.AsNoTracking().SingleAsync(s => s.Id == subjectId, ct).ConfigureAwait(false));
                break;
            case DeletionKind.Reference:
                ReferenceImage reference = await db.References.AsNoTracking().SingleAsync(r => r.Id == subjectId, ct).ConfigureAwait(false);
                scope.References.Add(reference);
                scope.UsedBy.AddRange((await db.IdentityModels.AsNoTracking().Where(m => m.CharacterId == reference.CharacterId && m.Status != IdentityModelStatus.Archived).ToListAsync(ct).ConfigureAwait(false))
                    .Where(m => m.ReferenceIds.Contains(subjectId)));
                scope.Pins.AddRange((await db.Pins.AsNoTracking().Where(p => p.CharacterId == reference.CharacterId).ToListAsync(ct).ConfigureAwait(false))
                    .Where(p => p.FrontalReferenceId == subjectId || p.ReferenceIds.Contains(subjectId)));
                List<Guid> pins = [.. scope.Pins.Select(p => p.Id)];
                scope.Videos.AddRange(await db.Videos.AsNoTracking().Where(v => pins.Contains(v.PinId)).ToListAsync(ct).ConfigureAwait(false));
                break;
        }

        List<Guid> rows = [.. scope.RowIds];
        List<Guid> known = [.. scope.Claims.Select(c => c.Id)];
        scope.Claims.AddRange(await db.Claims.AsNoTracking().Where(c => c.SubjectId != null && rows.Contains(c.SubjectId.Value) && !known.Contains(c.Id)).ToListAsync(ct).ConfigureAwait(false));

        // A training's reservation is written before its row exists, so it names no subject: the model (and its claim) name it.
        List<Guid> named = [.. scope.Identities.Where(m => m.ReservationId is not null).Select(m => m.ReservationId!.Value)
            .Concat(scope.Claims.Where(c => c.ReservationId is not null).Select(c => c.ReservationId!.Value))];
        scope.Reservations.AddRange((await db.Ledger.AsNoTracking()
            .Where(e => e.ProjectId == projectId && ((e.SubjectId != null && rows.Contains(e.SubjectId.Value)) || named.Contains(e.ReservationId)))
            .Select(e => e.ReservationId).ToListAsync(ct).ConfigureAwait(false)).Distinct());
        List<Guid> reservations = scope.Reservations;
        List<LedgerEntry> lines = await db.Ledger.AsNoTracking().Where(e => reservations.Contains(e.ReservationId)).ToListAsync(ct).ConfigureAwait(false);
        var closed = lines.Where(e => e.Kind != LedgerEntryKind.Reserve).Select(e => e.ReservationId).ToHashSet();
        scope.OpenReservations.AddRange(lines.Where(e => e.Kind == LedgerEntryKind.Reserve && !closed.Contains(e.ReservationId)).Select(e => e.ReservationId));
        return scope;
    }
}
