using Likeness.Core.Gates;
using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Gating;

/// <summary>
/// What a gated study's attempts at one provider came to: cells, kept and rejected shots (by reason), attempts,
/// what the attempts cost and the cost per kept shot, measured (spent ÷ kept) and as price ÷ kept rate with the
/// rate's Wilson interval.
/// </summary>
public sealed record GateStatistics
{
    /// <summary>The provider (study label).</summary>
    public required string Provider { get; init; }

    /// <summary>Gated cells (character × scenario).</summary>
    public required int Cells { get; init; }

    /// <summary>Cells that kept fewer than N (stopped by their attempts or money).</summary>
    public required int CellsShort { get; init; }

    /// <summary>Full shots made (preview drafts aside).</summary>
    public required int Attempts { get; init; }

    /// <summary>Attempts kept.</summary>
    public required int Kept { get; init; }

    /// <summary>Rejected attempts by verdict code (<see cref="VerdictCodes"/>), in code order.</summary>
    public required IReadOnlyDictionary<string, int> RejectedBy { get; init; }

    /// <summary>Kept ÷ attempts with its intervals.</summary>
    public required RateSummary KeptRate { get; init; }

    /// <summary>What every attempt cost when it was made, drafts included (failed calls cost nothing).</summary>
    public required decimal SpentUsd { get; init; }

    /// <summary>Preview drafts made; 0 without a preview.</summary>
    public int Drafts { get; init; }

    /// <summary>Drafts the gate accepted.</summary>
    public int DraftsAccepted { get; init; }

    /// <summary>What the drafts cost (part of <see cref="SpentUsd"/>).</summary>
    public decimal DraftSpentUsd { get; init; }

    /// <summary>
    /// Whether a draft's verdict matched its full shot's (same cell, attempt and seed), over every draft that has a full
    /// shot; null without pairs. With <c>preview: drafts</c> only accepted drafts get a full shot, so this is the share of
    /// accepted drafts whose full shot was kept; with <c>preview: check</c> it covers rejected drafts too.
    /// </summary>
    public RateSummary? DraftAgreement { get; init; }

    /// <summary>True when the agreement includes rejected drafts (check mode), so it is a full agreement, not only a precision.</summary>
    public bool AgreementCoversRejectedDrafts { get; init; }

    /// <summary>Spent ÷ kept; null when nothing was kept.</summary>
    public decimal? CostPerKeptUsd => Kept > 0 ? SpentUsd / Kept : null;

    /// <summary>Mean attempt price ÷ kept rate, with the Wilson interval; null without attempts.</summary>
    public KeptShotCost? PerKept { get; init; }

    /// <summary>The gate statistics of every provider with gated rows, in <paramref name="providers"/> order; empty when the study was not gated.</summary>
    public static IReadOnlyList<GateStatistics> Of(IReadOnlyList<string> providers, IReadOnlyList<StudyShotResult> shots, StudyGate? gate, int seed, int resamples)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(shots);
        var result = new List<GateStatistics>();
        foreach (string provider in providers)
        {
            List<StudyShotResult> judged = [.. shots.Where(s => s.Provider == provider && s.Verdict is not null)];
            if (judged.Count == 0)
            {
                continue;
            }

            List<StudyShotResult> rows = [.. judged.Where(s => s.Draft != true)];
            List<StudyShotResult> drafts = [.. judged.Where(s => s.Draft == true)];
            var pairs = (from d in drafts
                         join f in rows on (d.Character, d.Scenario, d.Variation) equals (f.Character, f.Scenario, f.Variation)
                         select (Draft: d.Verdict == VerdictCodes.Kept, Full: f.Verdict == VerdictCodes.Kept)).ToList();

            var cells = judged.GroupBy(s => (s.Character, s.Scenario)).ToList();
            int kept = rows.Count(s => s.Verdict == VerdictCodes.Kept);
            decimal spent = judged.Sum(s => s.CostUsd ?? 0);
            result.Add(new GateStatistics
            {
                Provider = provider,
                Cells = cells.Count,
                CellsShort = gate is null ? 0 : cells.Count(c => c.Count(s => s.Draft != true && s.Verdict == VerdictCodes.Kept) < gate.Keep),
                Attempts = rows.Count,
                Kept = kept,
                RejectedBy = rows.Where(s => s.Verdict != VerdictCodes.Kept).GroupBy(s => s.Verdict!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                KeptRate = RateSummary.Of([.. rows.Select(s => s.Verdict == VerdictCodes.Kept)], seed, resamples),
                SpentUsd = spent,
                PerKept = rows.Count > 0 ? KeptShotCost.Of(spent / rows.Count, kept, rows.Count) : null,
                Drafts = drafts.Count,
                DraftsAccepted = drafts.Count(d => d.Verdict == VerdictCodes.Kept),
                DraftSpentUsd = drafts.Sum(s => s.CostUsd ?? 0),
                DraftAgreement = pairs.Count == 0 ? null : RateSummary.Of([.. pairs.Select(p => p.Draft == p.Full)], seed, resamples),
                AgreementCoversRejectedDrafts = pairs.Any(p => !p.Draft),
            });
        }

        return result;
    }
}
