using Likeness.Testing;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>The character page's identity versions: which one is in use at its provider; an artist chooses another, rolls back, archives.</summary>
public sealed class IdentityVersionsFlowTests
{
    [ChromiumFact]
    public async Task An_artist_puts_an_earlier_version_in_use_rolls_back_and_archives_one()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await studio.ArtistOnCharacterPageAsync();
        IPage page = browser.Page;
        Character obama = await studio.Server.Services.GetRequiredService<CharacterCatalog>().GetAsync(studio.Project.Id, "Obama");
        IdentityManager identities = studio.Server.Services.GetRequiredService<IdentityManager>();
        IdentityModel v1 = await identities.CreateAsync(obama, "sim-instant");
        IdentityModel v2 = await identities.CreateAsync(obama, "sim-instant");
        await page.ReloadAsync();

        ILocator row1 = page.Locator($"#identities tr[data-identity='{v1.Id}']");
        ILocator row2 = page.Locator($"#identities tr[data-identity='{v2.Id}']");
        await Expect(row2).ToHaveAttributeAsync("data-in-use", "true");
        await Expect(row2.Locator(".in-use")).ToHaveTextAsync("in use");
        await Expect(row1).ToHaveAttributeAsync("data-in-use", "false");
        await Expect(row1.Locator("td").Nth(3)).ToHaveTextAsync("not validated");

        // A person's choice: v1 in use, marked as chosen.
        await row1.Locator("button.use").ClickAsync();
        await Expect(row1.Locator(".in-use")).ToHaveTextAsync("in use (chosen)");
        await Expect(row2).ToHaveAttributeAsync("data-in-use", "false");
        await Expect(row1.Locator("button.rollback")).ToHaveCountAsync(0);

        // Back to v2, then roll back: v1 again.
        await row2.Locator("button.use").ClickAsync();
        await Expect(row2).ToHaveAttributeAsync("data-in-use", "true");
        await browser.ScreenshotAsync("character-identities");
        await row2.Locator("button.rollback").ClickAsync();
        await Expect(row1).ToHaveAttributeAsync("data-in-use", "true");

        // Archived: kept in the list for its history, never in use, and nothing more to do with it.
        await row2.Locator("button.archive").ClickAsync();
        await Expect(row2.Locator(".badge").First).ToHaveTextAsync("archived");
        await Expect(row2.Locator("button")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(row1).ToHaveAttributeAsync("data-in-use", "true");
        await Expect(row2).ToHaveAttributeAsync("data-in-use", "false");
        browser.AssertNoConsoleErrors();
    }
}
