using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Likeness.Cli.Hosting;

/// <summary>
/// The parser's errors as the one line that exit code 2 prints: joined, and with .NET type names
/// (<c>'System.Int32'</c>) said in words.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>One line for all of <paramref name="errors"/>, without the <c>likeness: </c> prefix.</summary>
    public static string Line(IEnumerable<ParseError> errors) =>
        CliErrors.OneLine(string.Join("; ", errors.Select(e => Friendly(e.Message).TrimEnd('.')).Distinct(StringComparer.Ordinal)) + ".");

    /// <summary><paramref name="message"/> with every type name replaced by what a person would type.</summary>
    public static string Friendly(string message) =>
        ExpectedType().Replace(message, m => "as " + Describe(m.Groups[1].Value));

    private static string Describe(string type) => type switch
    {
        _ when type.Contains("Int", StringComparison.Ordinal) || type.Contains("Byte", StringComparison.Ordinal) => "a whole number in range",
        _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("FileInfo", StringComparison.Ordinal) => "a file path",
        _ when type.Contains("DirectoryInfo", StringComparison.Ordinal) => "a folder path",
        _ => "one of the accepted values",
    };

    [GeneratedRegex(@"as expected type '([^']*)'")]
    private static partial Regex ExpectedType();
}
