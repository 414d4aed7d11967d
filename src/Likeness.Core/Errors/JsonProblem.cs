using System.Text.Json;

namespace Likeness.Core;

/// <summary>
/// Says what is wrong with a JSON file in words a person can act on: the line, the field's path and the
/// problem, never the .NET type the parser was filling (<c>could not be converted to Likeness.Core...</c>).
/// </summary>
public static class JsonProblem
{
    /// <summary>E.g. <c>line 3, at $.results[0].seed: a value has the wrong type</c>.</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        cut = cut >= 0 ? cut : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string what = message.Contains("could not be converted", StringComparison.Ordinal)
            ? "a value has the wrong type"
            : (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
        var where = new List<string>();
        if (exception.LineNumber is { } line)
        {
            where.Add($"line {line + 1}");
        }

        if (exception.Path is { Length: > 1 } path)
        {
            where.Add($"at {path}");
        }

        return where.Count == 0 ? what : $"{string.Join(", ", where)}: {what}";
    }
}
