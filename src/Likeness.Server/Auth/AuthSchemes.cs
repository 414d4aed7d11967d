namespace Likeness.Server.Auth;

/// <summary>The authentication schemes: bearer tokens for scripts, a cookie for the UI, and the one that picks between them.</summary>
public static class AuthSchemes
{
    /// <summary>The default: <see cref="Bearer"/> when the request has an <c>Authorization: Bearer</c> header, else <see cref="Cookie"/>.</summary>
    public const string Default = "Likeness";

    /// <summary>Personal API tokens (<c>Authorization: Bearer lk_…</c>).</summary>
    public const string Bearer = "Bearer";

    /// <summary>The UI's sign-in cookie (unsafe requests also need the antiforgery header).</summary>
    public const string Cookie = "Cookies";

    /// <summary>The header a cookie-authenticated unsafe request carries its antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
}
