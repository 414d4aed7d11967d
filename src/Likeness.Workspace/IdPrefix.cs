using Likeness.Core;

namespace Likeness.Workspace;

/// <summary>Finds a row by its id or a unique prefix of it, as people type ids (pins, shots, identities, references).</summary>
internal static class IdPrefix
{
    /// <summary>Shortest id prefix accepted, so a prefix is a deliberate choice rather than a stray letter.</summary>
    public const int MinLength = 4;

    /// <summary>The one item whose id is or starts with <paramref name="token"/>; null when none; an error when several.</summary>
    public static T? Unique<T>(IReadOnlyList<T> items, Func<T, Guid> id, string token, EntityKind entity, string? owner)
        where T : class
    {
        string what = entity.ToString().ToLowerInvariant();
        string t = token.Trim();
        if (Guid.TryParse(t, out Guid exact))
        {
            return items.FirstOrDefault(i => id(i) == exact);
        }

        if (t.Length < MinLength)
        {
            throw new InvalidInputException($"'{t}' is too short to name a {what}: give at least {MinLength} characters of its id.");
        }

        var matches = items.Where(i => id(i).ToString("D").StartsWith(t, StringComparison.OrdinalIgnoreCase) || id(i).ToString("N").StartsWith(t, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new ConflictException(entity, t, $"'{t}' matches {matches.Count} {what}s{(owner is null ? "" : $" of {owner}")}; give more of the id."),
        };
    }
}
