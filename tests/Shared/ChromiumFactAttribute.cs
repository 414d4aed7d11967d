namespace Likeness.Testing;

/// <summary>
/// A test that needs a browser: skipped, with the reason, where Debian's Chromium is absent (CHROMIUM, default /usr/bin/chromium),
/// unless LIKENESS_REQUIRE_CHROMIUM=1 (CI), where it runs and fails for want of the browser.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>The browser the tests drive.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    /// <summary>Skips when the browser is missing and not required.</summary>
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable) && Environment.GetEnvironmentVariable("LIKENESS_REQUIRE_CHROMIUM") != "1")
        {
            Skip = $"No Chromium at {Executable} (set CHROMIUM, or LIKENESS_REQUIRE_CHROMIUM=1 to fail instead).";
        }
    }
}
