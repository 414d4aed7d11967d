using Likeness.Core.Accounts;
using Likeness.Server.Tests;
using Likeness.Testing;
using Likeness.Workspace.Credits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>The header's credits beside the budget, and the alert a member's spend raises on the costs page.</summary>
public sealed class CreditsFlowTests
{
    [ChromiumFact]
    public async Task A_member_with_an_allowance_sees_their_credits_drop_and_the_alert_their_spend_raised()
    {
        await using Studio studio = await Studio.StartAsync();
        Guid ari = await studio.MemberAsync("ari", ProjectRole.Artist);
        await studio.MemberAsync("vera", ProjectRole.Viewer);
        await studio.Server.Services.GetRequiredService<CreditBook>().SetAsync(studio.Project.Id, ari, 0.06m, CreditPeriod.Day, null);
        await JobClient.CharacterWithReferencesAsync(studio.Server, studio.Project.Id, "Obama");

        await using (Browser viewer = await Browser.OpenAsync(studio.Server.Address))
        {
            // No allowance, no credit limit: the header shows the budget only.
            await viewer.SignInAsync("vera", Studio.Password, studio.PageOf());
            await Expect(viewer.Page.Locator("#budget-left")).ToHaveTextAsync("$50.00");
            await Expect(viewer.Page.Locator("#credits")).ToBeHiddenAsync();
            viewer.AssertNoConsoleErrors();
        }

        await using Browser browser = await Browser.OpenAsync(studio.Server.Address);
        IPage page = browser.Page;
        await browser.SignInAsync("ari", Studio.Password, studio.PageOf("/characters/Obama"));
        await Expect(page.Locator("#credits-left")).ToHaveTextAsync("$0.060 of $0.060 a day");
        await Expect(page.Locator("#budget-left")).ToHaveTextAsync("$50.00");

        // One $0.04 image: two thirds of the allowance, past the 50 % threshold.
        await page.SelectOptionAsync("#generate-provider", "sim-reference");
        await page.FillAsync("#generate-form [name=prompt]", "a portrait in soft window light");
        await page.ClickAsync("#generate-form button[type=submit]");
        await Expect(page.Locator("#generate-estimate")).ToContainTextAsync("$0.040");
        await page.ClickAsync("#generate-start");
        await Expect(page.Locator("#shots .shot")).ToHaveCountAsync(1);
        await Expect(page.Locator("#credits-left")).ToHaveTextAsync("$0.020 of $0.060 a day");
        await Expect(page.Locator("#budget-left")).ToHaveTextAsync("$49.96");

        await page.ClickAsync("nav.sections >> text=Costs");
        ILocator alert = page.Locator("#alerts tbody tr[data-alert]");
        await Expect(alert).ToHaveCountAsync(1);
        await Expect(alert).ToContainTextAsync("credits");
        await Expect(alert).ToContainTextAsync("50 %");
        await browser.ScreenshotAsync("costs");
        browser.AssertNoConsoleErrors();
    }
}
