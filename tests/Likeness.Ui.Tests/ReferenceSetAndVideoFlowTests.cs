using Likeness.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>Seed 003's panel in the browser: a reference set from one button, pinned as the character, then a video of the pin.</summary>
public sealed class ReferenceSetAndVideoFlowTests
{
    // Per view: its distance pill is not cut (no overflow) and lies inside the view's card and the viewport.
    private const string PillsInside = """
        () => [...document.querySelectorAll('#refset-views .view')].map(view => {
          const pill = view.querySelector('.distance');
          const p = pill.getBoundingClientRect(), v = view.getBoundingClientRect();
          return pill.textContent.length > 0 && pill.scrollWidth <= pill.clientWidth + 1
            && p.left >= v.left - 0.5 && p.right <= v.right + 0.5 && p.right <= window.innerWidth;
        })
        """;

    [ChromiumFact]
    public async Task An_artist_makes_a_reference_set_pins_four_views_and_makes_a_video_that_plays_in_the_page()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await studio.ArtistOnCharacterPageAsync();
        IPage page = browser.Page;
        await Expect(page.Locator("#refset-references .thumb")).ToHaveCountAsync(4);
        await Expect(page.Locator("#pins")).ToContainTextAsync("No pin yet");

        // The estimate of the five views first, then the job's progress to the end.
        await page.SelectOptionAsync("#refset-provider", "sim-instant");
        await page.ClickAsync("#refset-form button[type=submit]");
        await Expect(page.Locator("#refset-estimate")).ToContainTextAsync("5 views");
        await Expect(page.Locator("#refset-estimate")).ToContainTextAsync("about $");
        await page.ClickAsync("#refset-start");
        await Expect(page.Locator("#refset-job")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 90_000 });
        await Expect(page.Locator("#refset-job")).ToContainTextAsync("100 %");

        // Each view beside the training references, with its measured identity score (no threshold: distance alone).
        ILocator views = page.Locator("#refset-views .view");
        await Expect(views.Locator("img")).ToHaveCountAsync(5);
        foreach (string view in new[] { "frontal", "three-quarter", "profile", "full-body", "close-up" })
        {
            await Expect(page.Locator($"#refset-views .view[data-view='{view}'] .distance")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(face distance [0-9.]+|no face found)$"));
        }

        // At 1280 px each view's pill shows its whole text inside its card and the viewport (it once ended in "0....").
        await page.SetViewportSizeAsync(1280, 800);
        bool[] pillsWhole = await page.EvaluateAsync<bool[]>(PillsInside);
        Assert.Equal(5, pillsWhole.Length);
        Assert.All(pillsWhole, Assert.True);

        await Expect(page.Locator("#pin-summary")).ToContainTextAsync("frontal and 3 more");
        await browser.ScreenshotAsync("character-reference-set");

        // A fourth extra is one too many; back to three, then pin.
        await page.CheckAsync("#refset-views .view[data-view='full-body'] input[name=pin-extra]");
        await Expect(page.Locator("#pin-start")).ToBeDisabledAsync();
        await Expect(page.Locator("#pin-summary")).ToContainTextAsync("up to 3 more");
        await page.UncheckAsync("#refset-views .view[data-view='full-body'] input[name=pin-extra]");
        await page.ClickAsync("#pin-start");
        ILocator pin = page.Locator("#pins .pin");
        await Expect(pin).ToHaveCountAsync(1);
        await Expect(pin.Locator("img")).ToHaveCountAsync(4);
        await Expect(page.Locator("#references .thumb")).ToHaveCountAsync(8);
        await Expect(page.Locator("#refset-references .badge", new() { HasTextString = "generated" })).ToHaveCountAsync(4);

        // The video: its price per second before confirming, the server's estimate in the job's message, the clip in the page.
        await page.SelectOptionAsync("#video-provider", "sim-instant");
        await page.FillAsync("#video-form [name=prompt]", "turns to the camera and smiles");
        await page.FillAsync("#video-form [name=durationSeconds]", "3");
        await page.SelectOptionAsync("#video-form [name=aspectRatio]", "1:1");
        await page.ClickAsync("#video-form button[type=submit]");
        await Expect(page.Locator("#video-estimate")).ToContainTextAsync("about $0.336");
        await page.ClickAsync("#video-start");
        ILocator job = page.Locator("#video-job");
        await Expect(job).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 90_000 });
        ILocator clip = page.Locator("#videos .clip");
        await Expect(clip).ToHaveCountAsync(1);
        await Expect(clip).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(clip.Locator("video")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("/videos/[0-9a-f-]+/file$"));
        // The clip plays: the sim's WebM (made where FFmpeg is installed) starts and its time advances. Without FFmpeg
        // the clip is the sim's Motion-JPEG AVI, which no browser plays, and the page offers the file instead.
        if (SimClips.WebM)
        {
            await page.EvaluateAsync("() => { const v = document.querySelector('#videos .clip video'); v.muted = true; return v.play(); }");
            await page.WaitForFunctionAsync("() => { const v = document.querySelector('#videos .clip video'); return !v.error && v.readyState >= 2 && v.currentTime > 0.25; }");
            await Expect(clip.Locator(".playback")).ToBeHiddenAsync();
        }

        // The made clip's identity check, or why it could not run (no FFmpeg, no face engine).
        await Expect(clip.Locator(".identity")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("faces in [0-9]+ % of frames|not checked"));
        await Expect(page.Locator("#budget-left")).Not.ToHaveTextAsync("$50.00");
        await browser.ScreenshotAsync("character-video");
        browser.AssertNoConsoleErrors();
    }
}
