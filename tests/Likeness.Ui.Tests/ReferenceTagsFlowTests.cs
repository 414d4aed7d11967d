using Likeness.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>The character page's references: the face detector's box and the role tag over each thumbnail, and an artist retagging one.</summary>
public sealed class ReferenceTagsFlowTests
{
    // Per thumbnail: the face box has a size and its centre lies inside the square frame (the thumbnail is centred on it).
    private const string BoxesInside = """
        () => [...document.querySelectorAll('#references .thumb')].map(thumb => {
          const f = thumb.querySelector('.frame').getBoundingClientRect();
          const b = thumb.querySelector('.face-box').getBoundingClientRect();
          const x = b.left + b.width / 2, y = b.top + b.height / 2;
          return b.width > 8 && b.height > 8 && x > f.left && x < f.right && y > f.top && y < f.bottom;
        })
        """;

    // Per thumbnail: its file name is shown whole at 1280 px (the role choice beside it used to leave it one letter and "…").
    private const string NamesWhole = """
        () => [...document.querySelectorAll('#references .thumb figcaption > span:first-child')].map(name => name.scrollWidth <= name.clientWidth)
        """;

    [ChromiumFact]
    public async Task Each_reference_shows_its_face_box_and_role_tag_and_an_artist_retags_one_which_stays_after_a_reload()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await studio.ArtistOnCharacterPageAsync();
        IPage page = browser.Page;
        ILocator thumbs = page.Locator("#references .thumb");
        await Expect(thumbs.Locator(".face-box")).ToHaveCountAsync(4);
        await Expect(thumbs.Locator(".role-tag")).ToHaveTextAsync(["other", "other", "other", "other"]);
        Assert.All(await page.EvaluateAsync<bool[]>(BoxesInside), Assert.True);
        Assert.All(await page.EvaluateAsync<bool[]>(NamesWhole), Assert.True);

        await thumbs.First.Locator(".role-select").SelectOptionAsync("frontal");
        await Expect(thumbs.First.Locator(".role-tag")).ToHaveTextAsync("frontal");
        await browser.ScreenshotAsync("character-references");

        await page.ReloadAsync();
        await Expect(thumbs.First.Locator(".role-tag")).ToHaveTextAsync("frontal");
        await Expect(thumbs.First.Locator(".role-select")).ToHaveValueAsync("frontal");
        await Expect(thumbs.Nth(1).Locator(".role-tag")).ToHaveTextAsync("other");
        browser.AssertNoConsoleErrors();
    }
}
