using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Bleed;

/// <summary>
/// What a two-character scenario came to at one provider: its made shots, how many bled (rate with its Wilson
/// interval) and how (a character twice, one missing, an ambiguous face), the identity pass of the shot's own
/// character beside it, and, for simulated shots, the check against the simulator's ground truth.
/// </summary>
public sealed record BleedStatistics
{
    /// <summary>The provider (study label).</summary>
    public required string Provider { get; init; }

    /// <summary>The scenario.</summary>
    public required string Scenario { get; init; }

    /// <summary>The companions the scenario puts in the frame, by name.</summary>
    public required IReadOnlyList<string> With { get; init; }

    /// <summary>Shots made (succeeded).</summary>
    public required int Shots { get; init; }

    /// <summary>Shots that bled over the shots judged for bleed (a shot is not judged without a face engine or a usable calibration).</summary>
    public required RateSummary Bled { get; init; }

    /// <summary>Judged shots in which a character showed twice.</summary>
    public required int Duplicated { get; init; }

    /// <summary>Judged shots in which an expected character was missing.</summary>
    public required int Missing { get; init; }

    /// <summary>Judged shots with a face that could be either of two characters.</summary>
    public required int Ambiguous { get; init; }

    /// <summary>The identity pass of the shot's own character (its closest face against the study's threshold).</summary>
    public required RateSummary IdentityPass { get; init; }

    /// <summary>The check against the simulator's ground truth; null when no judged shot carries one.</summary>
    public BleedConfusion? Truth { get; init; }

    /// <summary>
    /// The statistics of every (provider, scenario) with two-character rows, providers in <paramref name="providers"/>
    /// order and scenarios in the order their rows first appear; drafts are left out by the caller.
    /// </summary>
    public static IReadOnlyList<BleedStatistics> Of(IReadOnlyList<string> providers, IReadOnlyList<StudyShotResult> shots, int seed, int resamples)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(shots);
        var result = new List<BleedStatistics>();
        foreach (string provider in providers)
        {
            foreach (var group in shots.Where(s => s.Provider == provider && s.With is { Count: > 0 }).GroupBy(s => s.Scenario))
            {
                List<StudyShotResult> made = [.. group.Where(s => s.Status == StudyStatuses.Succeeded)];
                List<StudyShotResult> judged = [.. made.Where(s => s.Bleed is not null)];
                List<StudyShotResult> truthful = [.. judged.Where(s => s.SimBleed is not null)];
                result.Add(new BleedStatistics
                {
                    Provider = provider,
                    Scenario = group.Key,
                    With = group.First().With!,
                    Shots = made.Count,
                    Bled = RateSummary.Of([.. judged.Select(s => BleedCodes.Bled(s.Bleed!))], seed, resamples),
                    Duplicated = judged.Count(s => BleedCodes.Has(s.Bleed!, BleedCodes.Duplicated)),
                    Missing = judged.Count(s => BleedCodes.Has(s.Bleed!, BleedCodes.Missing)),
                    Ambiguous = judged.Count(s => BleedCodes.Has(s.Bleed!, BleedCodes.Ambiguous)),
                    IdentityPass = RateSummary.Of([.. made.Where(s => s.IdentityPass is not null).Select(s => s.IdentityPass!.Value)], seed, resamples),
                    Truth = truthful.Count == 0 ? null : new BleedConfusion(
                        truthful.Count(s => s.SimBleed == true && BleedCodes.Bled(s.Bleed!)),
                        truthful.Count(s => s.SimBleed == true && !BleedCodes.Bled(s.Bleed!)),
                        truthful.Count(s => s.SimBleed == false && BleedCodes.Bled(s.Bleed!)),
                        truthful.Count(s => s.SimBleed == false && !BleedCodes.Bled(s.Bleed!))),
                });
            }
        }

        return result;
    }
}
