namespace Likeness.Core.Identity;

/// <summary>
/// Which of a character's ready identity models at one provider is in use: the one a person chose last
/// (<see cref="IdentityModel.ChosenAt"/>: chosen, or rolled back to) while it is ready; otherwise, when any has been
/// validated, the best by validation pass rate, then by validation cost per kept shot, then the newest; else the newest.
/// A version still waiting for its validation does not displace a validated one. Archived versions are never in use.
/// </summary>
public static class VersionChoice
{
    /// <summary>The model in use among <paramref name="models"/>, or null when none is ready.</summary>
    public static IdentityModel? InUse(IEnumerable<IdentityModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var ready = models.Where(m => m.Status == IdentityModelStatus.Ready).ToList();
        if (ready.Where(m => m.ChosenAt is not null).MaxBy(m => m.ChosenAt) is { } chosen)
        {
            return chosen;
        }

        var validated = ready.Where(m => m.Validation is not null).ToList();
        return validated.Count == 0
            ? ready.MaxBy(m => (m.CreatedAt, m.Version))
            : validated
                .OrderByDescending(m => m.Validation!.PassRate)
                .ThenBy(m => m.Validation!.CostPerKeptUsd ?? decimal.MaxValue)
                .ThenByDescending(m => m.CreatedAt)
                .First();
    }
}
