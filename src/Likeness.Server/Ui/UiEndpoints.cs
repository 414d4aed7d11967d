using Likeness.Server.Ui.Components;

namespace Likeness.Server.Ui;

/// <summary>
/// The admin web UI at <c>/ui</c>: Razor components rendered on the server (static SSR, no circuit and no Blazor script),
/// each page loading a small JavaScript module of ours that talks to the same JSON API as any client. The pages and
/// their assets are anonymous endpoints: a page redirects to the sign-in page when no one is signed in, and every
/// datum it shows comes from the API, which checks the caller's role.
/// </summary>
internal static class UiEndpoints
{
    public static IServiceCollection AddLikenessUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<UiAssets>();
        return services;
    }

    public static WebApplication MapLikenessUi(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/ui")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ui/assets/{name}", (string name, HttpContext context, UiAssets assets) => assets.Serve(name, context))
            .AllowAnonymous().ExcludeFromDescription();
        // The pages post no forms (the modules call the API, which checks its own antiforgery header).
        app.MapRazorComponents<App>().AllowAnonymous().DisableAntiforgery();
        return app;
    }
}
