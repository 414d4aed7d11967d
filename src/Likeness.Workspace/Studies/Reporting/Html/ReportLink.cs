namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>
/// Which image paths a report may link to. results.json can be edited by hand or come from someone else, and the
/// report is opened in a browser: a <c>javascript:</c> or <c>file:</c> target, an absolute path or a <c>..</c> segment
/// would turn a study's gallery into a way to run script or to reach files outside its folder.
/// </summary>
internal static class ReportLink
{
    /// <summary>
    /// <paramref name="target"/> when it is a relative path inside the report's folder (forward slashes, no scheme, no
    /// <c>..</c>, no leading slash) or an absolute https URL; otherwise null, and the report shows no link.
    /// </summary>
    public static string? Safe(string? target)
    {
        if (string.IsNullOrWhiteSpace(target) || target.Any(char.IsControl) || target.Contains('\\'))
        {
            return null;
        }

        if (Uri.TryCreate(target, UriKind.Absolute, out Uri? absolute) && !target.StartsWith('/'))
        {
            return absolute.Scheme == Uri.UriSchemeHttps && absolute.Host.Length > 0 ? target : null;
        }

        if (target.StartsWith('/') || target.Contains(':'))
        {
            return null;
        }

        string path = target.Split('?', '#')[0];
        return path.Split('/').Any(segment => segment is ".." or "") ? null : target;
    }
}
