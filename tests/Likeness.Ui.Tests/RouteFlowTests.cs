using Likeness.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>The character's route in the browser: set on the character page, a shot made through it, and the gallery card naming the entry that made it.</summary>
public sealed class RouteFlowTests
{
    [ChromiumFact]
    public async Task An_artist_sets_a_fallback_route_generates_through_it_and_the_gallery_card_names_the_entry_that_made_the_shot()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await studio.ArtistOnCharacterPageAsync();
        IPage page = browser.Page;
        await Expect(page.Locator("#route-none")).ToBeVisibleAsync();

        // A fallback route needs two entries: with one the server's reason is shown and nothing is set.
        await page.SelectOptionAsync("#route-form [name=policy]", "fallback");
        await page.SelectOptionAsync("#route-form [name=entry-0]", "sim-instant");
        await page.ClickAsync("#route-form button[type=submit]");
        await Expect(page.Locator("#route-error")).ToContainTextAsync("at least two entries");
        await Expect(page.Locator("#route-none")).ToBeVisibleAsync();

        await page.SelectOptionAsync("#route-form [name=entry-1]", "sim-reference");
        await page.ClickAsync("#route-form button[type=submit]");
        await Expect(page.Locator("#route-policy")).ToContainTextAsync("fallback");
        await Expect(page.Locator("#route-list li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#route-list li").First).ToContainTextAsync("sim-instant");
        await Expect(page.Locator("#route-error")).ToBeHiddenAsync();

        // The generate form offers the route; the shot it makes names the entry that served.
        await page.SelectOptionAsync("#generate-provider", "route");
        await page.FillAsync("#generate-form [name=prompt]", "on a pier at dawn");
        await page.ClickAsync("#generate-form button[type=submit]");
        await Expect(page.Locator("#generate-estimate")).ToContainTextAsync("about $");
        await page.ClickAsync("#generate-start");
        await Expect(page.Locator("#shots .shot .route-served")).ToHaveTextAsync("fallback route entry 1 (sim-instant)", new() { Timeout = 90_000 });

        // After a reload the route is the server's, and each entry has its identity in use now.
        await page.ReloadAsync();
        await Expect(page.Locator("#route-list li").First).ToContainTextAsync("in use: v1 reference");
        await Expect(page.Locator("#route-form [name=entry-1]")).ToHaveValueAsync("sim-reference");
        // A fallback route has no decision and no proposal: nothing stands in for them (it used to read "nullnull").
        await Expect(page.Locator("#route-view")).Not.ToContainTextAsync("null");
        await browser.ScreenshotAsync("character-route");

        await page.GotoAsync(studio.PageOf("/gallery"));
        await Expect(page.Locator("#gallery .shot .route-served")).ToHaveTextAsync("fallback route entry 1 (sim-instant)");
        browser.AssertNoConsoleErrors(400);
    }
}
