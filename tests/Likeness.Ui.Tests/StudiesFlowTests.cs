using Likeness.Testing;
using Likeness.Core.Accounts;
using Likeness.Server.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>
/// The studies page: a study file priced, started, followed to its end (with a reload), its results and report opened;
/// a running study cancelled by an artist after a confirmation, with no cancel control for a viewer.
/// </summary>
public sealed class StudiesFlowTests
{
    private const string Study = """
        name: Park portraits
        characters: [Obama]
        providers: [sim-instant, sim-reference]
        scenarios: [close-up-portrait, profile]
        variations: 2
        megapixels: 0.1
        """;

    // 1,000 small shots: far more than are made while a viewer looks and the artist cancels (as the server's cancel test).
    private const string LongStudy = """
        name: Long run
        characters: [Obama]
        providers: [sim-instant]
        variations: 200
        megapixels: 0.05
        """;

    [ChromiumFact]
    public async Task An_artist_prices_and_starts_a_study_watches_it_to_its_end_and_opens_its_results_and_report()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await ArtistOnStudiesPageAsync(studio);
        IPage page = browser.Page;
        await Expect(page.Locator("#studies")).ToContainTextAsync("No study yet");

        // Priced before it is started: 2 providers × 2 scenarios × 2 variations, at most the shots' price.
        await page.FillAsync("#study-text", Study);
        await page.ClickAsync("#study-price");
        await Expect(page.Locator("#study-confirm")).ToBeVisibleAsync();
        await Expect(page.Locator("#study-estimate")).ToContainTextAsync("8 shots of Obama: at most $");
        await Expect(page.Locator("#study-estimate")).ToContainTextAsync("sim-reference $0.160");
        await Expect(page.Locator("#studies .record")).ToHaveCountAsync(0);

        await page.ClickAsync("#study-start");
        await Expect(page.Locator("#studies .record")).ToHaveCountAsync(1);
        await Expect(page.Locator("#study-name")).ToHaveTextAsync("Park portraits");
        // Its progress, or its end already: the sim's study of eight shots may finish before the page shows it running.
        await Expect(page.Locator("#study-run-job").Or(page.Locator("#study-status:text-is('succeeded')")).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("studies-running");

        // A reload keeps the study chosen (its address) and its progress, which reaches the end.
        await page.ReloadAsync();
        await Expect(page.Locator("#study-status")).ToHaveTextAsync("succeeded", new() { Timeout = 120_000 });
        ILocator providers = page.Locator("#study-providers tbody tr");
        await Expect(providers).ToHaveCountAsync(2);
        await Expect(page.Locator("#study-providers tr[data-provider='sim-instant']")).ToContainTextAsync("4 of 4");
        await Expect(page.Locator("#study-providers tr[data-provider='sim-instant'] .decision")).ToHaveCountAsync(3);
        await Expect(page.Locator("#study-recommendation")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#study-results a[data-file]")).ToHaveCountAsync(3);
        await browser.ScreenshotAsync("studies");

        // The report opens in its own tab, served by the API.
        IPage report = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#study-results a[data-file='report.html']"));
        await report.WaitForLoadStateAsync();
        Assert.Contains("Park portraits", await report.TitleAsync(), StringComparison.Ordinal);
        await report.CloseAsync();
        browser.AssertNoConsoleErrors();

        // A viewer reads the study and has no form to start one.
        await using Browser viewer = await Browser.OpenAsync(studio.Server.Address);
        await viewer.SignInAsync("vera", Studio.Password, studio.PageOf("/studies"));
        await Expect(viewer.Page.Locator("#study-providers tbody tr")).ToHaveCountAsync(2);
        await Expect(viewer.Page.Locator("#study-form")).ToHaveCountAsync(0);
        viewer.AssertNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task An_artist_cancels_a_running_study_after_confirming_and_a_viewer_has_no_cancel_control()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await ArtistOnStudiesPageAsync(studio);
        IPage page = browser.Page;
        await page.FillAsync("#study-text", LongStudy);
        await page.ClickAsync("#study-price");
        await Expect(page.Locator("#study-confirm")).ToBeVisibleAsync();
        await page.ClickAsync("#study-start");
        await Expect(page.Locator("#study-name")).ToHaveTextAsync("Long run");
        await Expect(page.Locator("#study-run-job")).ToBeVisibleAsync();
        await Expect(page.Locator("#study-stop-ask")).ToBeVisibleAsync();

        // A viewer follows the same running study and has no cancel control.
        await using (Browser viewer = await Browser.OpenAsync(studio.Server.Address))
        {
            await viewer.SignInAsync("vera", Studio.Password, studio.PageOf("/studies"));
            await Expect(viewer.Page.Locator("#study-name")).ToHaveTextAsync("Long run");
            await Expect(viewer.Page.Locator("#study-run-job")).ToBeVisibleAsync();
            await Expect(viewer.Page.Locator("#study-stop-ask")).ToHaveCountAsync(0);
            viewer.AssertNoConsoleErrors();
        }

        // Asked first: keeping it running changes nothing; confirming asks the job to stop.
        await page.ClickAsync("#study-stop-ask");
        await Expect(page.Locator("#study-stop-confirm")).ToBeVisibleAsync();
        await page.ClickAsync("#study-stop-keep");
        await Expect(page.Locator("#study-stop-confirm")).ToBeHiddenAsync();
        await Expect(page.Locator("#study-run-status")).Not.ToHaveTextAsync("cancelled");
        await page.ClickAsync("#study-stop-ask");
        await page.ClickAsync("#study-stop-yes");

        // The stream ends cancelled: the job's box, the study's status and its line in the list say so; the control goes.
        await Expect(page.Locator("#study-status")).ToHaveTextAsync("cancelled", new() { Timeout = 60_000 });
        await Expect(page.Locator("#study-run-status")).ToHaveTextAsync("cancelled");
        await Expect(page.Locator("#study-results")).ToContainTextAsync("cancelled");
        await Expect(page.Locator("#study-stop")).ToBeHiddenAsync();
        await Expect(page.Locator("#studies .record").First).ToContainTextAsync("cancelled");
        browser.AssertNoConsoleErrors();
    }

    // The artist ari, the viewer vera and the character Obama; ari's browser on the studies page.
    private static async Task<Browser> ArtistOnStudiesPageAsync(Studio studio)
    {
        await studio.MemberAsync("ari", ProjectRole.Artist);
        await studio.MemberAsync("vera", ProjectRole.Viewer);
        await JobClient.CharacterWithReferencesAsync(studio.Server, studio.Project.Id, "Obama");
        Browser browser = await Browser.OpenAsync(studio.Server.Address);
        try
        {
            await browser.SignInAsync("ari", Studio.Password, studio.PageOf("/studies"));
            // The form starts from a study file of the project's own character, written once the page has read the
            // cast; a test types only after that, or the two writes race.
            await Expect(browser.Page.Locator("#study-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("characters: \\[\"Obama\"\\]"));
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }
}
