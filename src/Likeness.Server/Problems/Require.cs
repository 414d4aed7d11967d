using Likeness.Core;
using Likeness.Core.Accounts;

namespace Likeness.Server.Problems;

/// <summary>Checks on request fields: a missing or malformed one is a 400 that names it, never a 500.</summary>
internal static class Require
{
    /// <summary>The trimmed text of a required field.</summary>
    public static string Text(string? value, string field, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidInputException($"'{field}' is required.", field)
        : value.Trim().Length > maxLength ? throw new InvalidInputException($"'{field}' has more than {maxLength} characters.", field)
        : value.Trim();

    /// <summary>A role by its name (<c>owner</c>, <c>admin</c>, <c>artist</c>, <c>viewer</c>).</summary>
    public static ProjectRole Role(string? value, string field = "role") =>
        Enum.TryParse(value, ignoreCase: true, out ProjectRole role) && Enum.IsDefined(role) && !int.TryParse(value, out _)
            ? role
            : throw new InvalidInputException("'role' is one of owner, admin, artist, viewer.", field);

    /// <summary>The lower-case name of a role, as the API writes it.</summary>
    public static string NameOf(ProjectRole role) => role.ToString().ToLowerInvariant();

    /// <summary>A list's <c>limit</c> query value: 1 to <paramref name="max"/>, 100 when absent.</summary>
    public static int Limit(int? limit, int max)
    {
        int take = limit ?? 100;
        return take >= 1 && take <= max ? take : throw new InvalidInputException($"'limit' is between 1 and {max}.", "limit");
    }
}
