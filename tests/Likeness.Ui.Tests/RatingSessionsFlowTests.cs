using Likeness.Testing;
using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>The rating sessions page: an artist makes a session, invites a guest with a link to copy, and reads the results.</summary>
public sealed class RatingSessionsFlowTests
{
    [ChromiumFact]
    public async Task An_artist_makes_a_session_invites_a_guest_by_a_copied_link_and_reads_the_results_and_a_viewer_only_reads()
    {
        await using Studio studio = await Studio.StartAsync();
        await studio.MemberAsync("ari", ProjectRole.Artist);
        await studio.MemberAsync("vera", ProjectRole.Viewer);
        Character character = await RatingFlowTests.SeedAsync(studio.Server.Services, studio.Project.Id, shotsPerProvider: 3);

        await using Browser browser = await Browser.OpenAsync(studio.Server.Address);
        IPage page = browser.Page;
        await browser.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await browser.SignInAsync("ari", Studio.Password, studio.PageOf("/ratings"));
        await Expect(page.Locator("#sessions")).ToContainTextAsync("No session yet");

        // A session from the character's shots: three pairs of its two providers.
        await page.FillAsync("#session-form [name=name]", "Spring panel");
        await page.SelectOptionAsync("#session-source", $"character:{character.Id}");
        await page.FillAsync("#session-form [name=pairs]", "3");
        await page.ClickAsync("#session-create");
        await Expect(page.Locator("#sessions .record")).ToHaveCountAsync(1);
        await Expect(page.Locator("#session-name")).ToHaveTextAsync("Spring panel");
        await Expect(page.Locator("#session-meta")).ToContainTextAsync("character:Barack · 3 pairs");
        await Expect(page.Locator("#session-progress")).ToContainTextAsync("0 of 3");

        // The guest's link is shown once and copied to the clipboard.
        await page.FillAsync("#invite-form [name=label]", "guest 1");
        await page.ClickAsync("#invite-create");
        ILocator link = page.Locator("#invite-link");
        await Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^http://127\\.0\\.0\\.1:\\d+/ui/rate#.{20,}$"));
        await page.ClickAsync("#invite-copy");
        await Expect(page.Locator("#invite-copied")).ToHaveTextAsync("Copied");
        string copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(await link.InputValueAsync(), copied);
        await Expect(page.Locator("#invites tbody tr[data-invite]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#invites tbody")).ToContainTextAsync("guest 1");

        // The guest rates the six questions (three pairs, identity then prompt) from the copied link.
        await using (Browser guest = await Browser.OpenAsync(studio.Server.Address))
        {
            await guest.Page.GotoAsync(copied);
            for (int i = 0; i < 6; i++)
            {
                await Expect(guest.Page.Locator("#rate-progress")).ToHaveTextAsync($"{i + 1} of 6");
                await guest.Page.Keyboard.PressAsync(i % 2 == 0 ? "1" : "2");
            }

            await Expect(guest.Page.Locator("#rate-done")).ToBeVisibleAsync();
            guest.AssertNoConsoleErrors();
        }

        // The session's progress and results after a reload (the session stays chosen in the address).
        await page.ReloadAsync();
        await Expect(page.Locator("#session-progress")).ToContainTextAsync("3 of 3");
        ILocator identity = page.Locator("#results [data-question=identity]");
        await Expect(identity).ToContainTextAsync("3 of 3 pairs voted · 3 votes · 1 rater");
        await Expect(identity.Locator("tr[data-arm]")).ToHaveCountAsync(2);
        await Expect(identity.Locator("tr[data-arm='sim-instant']")).ToContainTextAsync("%");
        await Expect(page.Locator("#results [data-question=prompt]")).ToContainTextAsync("1 rater");
        await browser.ScreenshotAsync("ratings");

        // Revoked, the invite says so.
        await page.ClickAsync("#invites button:has-text('Revoke')");
        await Expect(page.Locator("#invites tbody")).ToContainTextAsync("revoked");
        browser.AssertNoConsoleErrors();

        // A viewer reads the sessions and results, and has no control to make or invite.
        await using Browser viewer = await Browser.OpenAsync(studio.Server.Address);
        await viewer.SignInAsync("vera", Studio.Password, studio.PageOf("/ratings"));
        await Expect(viewer.Page.Locator("#session-name")).ToHaveTextAsync("Spring panel");
        await Expect(viewer.Page.Locator("#results [data-question=identity]")).ToContainTextAsync("1 rater");
        await Expect(viewer.Page.Locator("#session-form")).ToHaveCountAsync(0);
        await Expect(viewer.Page.Locator("#invite-form")).ToHaveCountAsync(0);
        viewer.AssertNoConsoleErrors();
    }
}
