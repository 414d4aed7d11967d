using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Server.Tests;
using Likeness.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>
/// The admin UI in a real browser against a real server: each flow asserts on what a person sees.
/// </summary>
public sealed class UiFlowTests
{
    private static string Sample(string file) => Path.Combine(RepoPaths.Root, "samples", "cast", file);

    private static FilePayload Photo(string file) => new() { Name = file, MimeType = "image/jpeg", Buffer = File.ReadAllBytes(Sample(file)) };

    [ChromiumFact]
    public async Task A_person_signs_in_creates_a_character_and_drops_photos_and_sees_why_one_is_refused()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await Browser.OpenAsync(studio.Server.Address);
        IPage page = browser.Page;

        // A wrong password says so; the right one leads to the project's cast.
        await page.GotoAsync("/ui/sign-in");
        await page.FillAsync("#signin-name", "olga");
        await page.FillAsync("#signin-password", "not the password");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#signin-error")).ToHaveTextAsync("That name and password do not match.");
        await browser.SignInAsync("olga", Studio.Password);
        await Expect(page).ToHaveURLAsync(studio.Server.Address + studio.PageOf()[1..]);
        await Expect(page.Locator("#project-switcher")).ToHaveValueAsync(studio.Project.Id.ToString());
        await Expect(page.Locator("#budget-left")).ToHaveTextAsync("$50.00");
        await Expect(page.Locator("#cast")).ToContainTextAsync("No character yet");
        await browser.ScreenshotAsync("cast-empty");

        await page.ClickAsync("#new-character");
        await page.FillAsync("#character-form [name=name]", "Barack");
        await page.FillAsync("#character-form [name=coreIdentity]", "a man in his fifties with short grey hair");
        await page.FillAsync("#character-form [name=physicalTraits]", "big ears, warm smile");
        await page.FillAsync("#character-form [name=style]", "press photo");
        await page.ClickAsync("#character-form button[type=submit]");
        await Expect(page.Locator("h1")).ToContainTextAsync("Barack");
        await Expect(page.Locator(".prompts")).ToContainTextAsync("big ears");

        // Five files at once through the file chooser (one not an image), and one more dropped through a DataTransfer,
        // once the page's script handles them (a drop before that would go to the browser).
        await Expect(page.Locator("#dropzone")).ToHaveAttributeAsync("data-ready", "true");
        await page.Locator("#reference-files").SetInputFilesAsync(
        [
            Photo("obama.jpg"), Photo("obama1.jpg"), Photo("obama2.jpg"), Photo("obama3.jpg"),
            new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "these are notes, not a photo"u8.ToArray() },
        ]);
        ILocator refused = page.Locator(".upload[data-file='notes.jpg']");
        await Expect(refused).ToHaveAttributeAsync("data-verdict", "refused");
        await Expect(refused).ToContainTextAsync("not an image");
        await Expect(page.Locator(".upload[data-file='obama.jpg']")).ToHaveAttributeAsync("data-verdict", "held back");
        await Expect(page.Locator("#references")).ToContainTextAsync("No reference yet.");
        await browser.ScreenshotAsync("character-refused-upload");

        await page.ClickAsync("#upload-passed");
        await Expect(page.Locator(".upload[data-file='obama3.jpg']")).ToHaveAttributeAsync("data-verdict", new System.Text.RegularExpressions.Regex("accepted|warned"));
        await Expect(page.Locator("#references .thumb")).ToHaveCountAsync(4);

        await DropAsync(page, "#dropzone", Sample("biden.jpg"));
        ILocator biden = page.Locator(".upload[data-file='biden.jpg']");
        await Expect(biden).ToHaveAttributeAsync("data-verdict", "refused");
        await Expect(biden).ToContainTextAsync("does not look like the same person");
        await Expect(page.Locator("#references .thumb")).ToHaveCountAsync(4);

        // Back on the cast, the card shows the frontal thumbnail, the trigger token and no identity yet.
        await page.ClickAsync("a.active");
        ILocator card = page.Locator(".character-card[data-character='Barack']");
        await Expect(card.Locator("img")).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("No identity yet");
        await Expect(card).ToContainTextAsync("4 references");
        await browser.ScreenshotAsync("cast");
        browser.AssertNoConsoleErrors(401, 422);
    }

    [ChromiumFact]
    public async Task A_training_on_the_sim_is_followed_live_across_a_reload_and_a_shot_is_generated()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await studio.ArtistOnCharacterPageAsync();
        IPage page = browser.Page;

        // The price before confirming, then progress that survives a reload, to ready.
        await page.SelectOptionAsync("#train-provider", "sim-lora");
        await page.ClickAsync("#train-form button[type=submit]");
        await Expect(page.Locator("#train-estimate")).ToContainTextAsync("costs $2.00");
        await page.ClickAsync("#train-start");
        await Expect(page.Locator("#training-job")).ToHaveAttributeAsync("data-status", "running");
        await browser.ScreenshotAsync("character-training");
        await page.ReloadAsync();
        await Expect(page.Locator("#training-job")).ToBeVisibleAsync();
        await Expect(page.Locator("#training-job")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 90_000 });
        await Expect(page.Locator("#training-job")).ToContainTextAsync("100 %");
        await Expect(page.Locator("#identities")).ToContainTextAsync("ready");
        await Expect(page.Locator("#budget-left")).ToHaveTextAsync("$48.00");

        // Generate: the estimate first, then the shot appears with its measured face distance.
        await page.SelectOptionAsync("#generate-provider", "sim-lora");
        await page.FillAsync("#generate-form [name=prompt]", "walking through a rainy market at night");
        await page.FillAsync("#generate-form [name=seed]", "7");
        await page.ClickAsync("#generate-form button[type=submit]");
        await Expect(page.Locator("#generate-estimate")).ToContainTextAsync("1 image");
        await page.ClickAsync("#generate-start");
        ILocator shot = page.Locator("#shots .shot");
        await Expect(shot).ToHaveCountAsync(1);
        await Expect(shot).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(shot.Locator(".distance")).ToContainTextAsync("face distance");
        await Expect(shot.Locator("img")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("character");

        // The gallery shows it with a full-size view; the costs page shows the spend per character and provider.
        await page.GotoAsync(studio.PageOf("/gallery"));
        await Expect(page.Locator("#gallery .shot")).ToHaveCountAsync(1);
        await page.ClickAsync("#gallery .shot button.open");
        await Expect(page.Locator("#viewer-image")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("gallery-full-size");
        await page.Keyboard.PressAsync("Escape");
        await page.SelectOptionAsync("#filters [name=provider]", "sim-lora");
        await Expect(page.Locator("#shot-count")).ToHaveTextAsync("1 shot");

        await page.GotoAsync(studio.PageOf("/costs"));
        await Expect(page.Locator("#per-character")).ToContainTextAsync("Obama");
        await Expect(page.Locator("#per-provider")).ToContainTextAsync("sim-lora");
        await Expect(page.Locator("#ledger tbody tr").First).ToBeVisibleAsync();
        browser.AssertNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task A_viewer_sees_no_control_that_spends_and_the_api_refuses_those_calls_from_the_page()
    {
        await using Studio studio = await Studio.StartAsync();
        await studio.MemberAsync("vera", ProjectRole.Viewer);
        var character = await JobClient.CharacterWithReferencesAsync(studio.Server, studio.Project.Id, "Obama");
        await using Browser browser = await Browser.OpenAsync(studio.Server.Address);
        IPage page = browser.Page;
        await browser.SignInAsync("vera", Studio.Password, studio.PageOf("/characters/Obama"));

        await Expect(page.Locator("#my-role")).ToHaveTextAsync("viewer");
        await Expect(page.Locator("#references .thumb")).ToHaveCountAsync(4);
        await Expect(page.Locator("#references .thumb .role-tag")).ToHaveCountAsync(4);
        await Expect(page.Locator("#refset-references .thumb")).ToHaveCountAsync(4);
        await Expect(page.Locator("#pins")).ToContainTextAsync("No pin yet");
        await Expect(page.Locator("#route-none")).ToBeVisibleAsync();
        foreach (string control in new[]
        {
            "#dropzone", "#train-form", "#train-start", "#generate-form", "#generate-start", "#refset-form", "#refset-start", "#pin-start", ".pick",
            "#video-form", "#video-start", ".spend", "#route-form", ".role-select",
        })
        {
            await Expect(page.Locator(control)).ToHaveCountAsync(0);
        }

        await page.GotoAsync(studio.PageOf());
        await Expect(page.Locator(".character-card")).ToHaveCountAsync(1);
        await Expect(page.Locator("#new-character")).ToHaveCountAsync(0);

        // Called directly with the viewer's cookie and antiforgery token, the API refuses each spend.
        string statuses = await page.EvaluateAsync<string>(
            """
            async ([project, character]) => {
              const token = (await (await fetch('/api/session/antiforgery')).json()).token;
              const send = (method, path, body) => fetch(`/api/projects/${project}${path}`, {
                method, headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token }, body: JSON.stringify(body) }).then(r => r.status);
              const post = (path, body) => send('POST', path, body);
              return JSON.stringify([
                await post(`/characters/${character}/shots`, { provider: 'sim-instant', prompt: 'a portrait' }),
                await post('/identities', { character, provider: 'sim-lora' }),
                await post('/characters', { name: 'Nope' }),
                await post(`/characters/${character}/reference-sets`, { provider: 'sim-instant' }),
                await post(`/characters/${character}/references/from-shots`, { shots: [{ shot: crypto.randomUUID() }] }),
                await post(`/characters/${character}/pins`, {}),
                await post(`/characters/${character}/videos`, { provider: 'sim-instant', prompt: 'waves' }),
                await send('PUT', `/characters/${character}/shots/${crypto.randomUUID()}/review`, { accepted: true }),
                await send('PUT', `/characters/${character}/route`, { policy: 'fixed', via: [{ provider: 'sim-instant' }] }),
              ]);
            }
            """,
            new[] { studio.Project.Id.ToString(), character.Id.ToString() });
        Assert.Equal([403, 403, 403, 403, 403, 403, 403, 403, 403], JsonSerializer.Deserialize<int[]>(statuses)!);
        browser.AssertNoConsoleErrors(403);
    }

    [ChromiumFact]
    public async Task A_page_without_a_session_leads_to_the_sign_in_page_and_back()
    {
        await using Studio studio = await Studio.StartAsync();
        await using Browser browser = await Browser.OpenAsync(studio.Server.Address);
        await browser.SignInAsync("olga", Studio.Password, studio.PageOf("/costs"));
        await Expect(browser.Page).ToHaveURLAsync(studio.Server.Address + studio.PageOf("/costs")[1..]);
        await Expect(browser.Page.Locator(".stat").First).ToContainTextAsync("$50.00");
        await browser.Page.ClickAsync("#sign-out");
        await Expect(browser.Page).ToHaveURLAsync(Browser.SignInPage());
        browser.AssertNoConsoleErrors();
    }

    // A drop as a person makes it: a File in a DataTransfer, dispatched on the drop zone.
    private static async Task DropAsync(IPage page, string selector, string path)
    {
        IJSHandle transfer = await page.EvaluateHandleAsync(
            """
            ([name, base64]) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const data = new DataTransfer();
              data.items.add(new File([bytes], name, { type: 'image/jpeg' }));
              return data;
            }
            """,
            new[] { Path.GetFileName(path), Convert.ToBase64String(await File.ReadAllBytesAsync(path)) });
        await page.DispatchEventAsync(selector, "dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await page.DispatchEventAsync(selector, "drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
    }
}
