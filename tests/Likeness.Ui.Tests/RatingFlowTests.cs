using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Ratings;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>The blind rating page in a real browser: a guest rates ten pairs by keyboard and mouse and never sees a provider.</summary>
public sealed class RatingFlowTests
{
    private static readonly string[] Providers = ["sim-instant", "sim-reference"];

    [ChromiumFact]
    public async Task A_guest_rates_ten_pairs_blind_with_keys_and_buttons_and_no_provider_is_named_in_the_page()
    {
        await using Studio studio = await Studio.StartAsync();
        IServiceProvider services = studio.Server.Services;
        Character character = await SeedAsync(services, studio.Project.Id, shotsPerProvider: 10);
        RatingSession session = await services.GetRequiredService<RatingBook>().CreateFromCharacterAsync(studio.Project.Id, character.Id, "Spring panel", 10, null);
        IssuedInvite invite = await services.GetRequiredService<RatingInvites>().IssueAsync(studio.Project.Id, session.Id, "guest 1", null);

        await using Browser browser = await Browser.OpenAsync(studio.Server.Address);
        IPage page = browser.Page;
        await page.GotoAsync("/ui/rate#" + invite.Secret);
        await Expect(page.Locator("#rate-session")).ToHaveTextAsync("Spring panel");
        await Expect(page.Locator("#rate-progress")).ToHaveTextAsync("1 of 20");
        await Expect(page.Locator("#rate-references img")).ToHaveCountAsync(4);
        await Expect(page.Locator("#rate-question")).ToContainTextAsync("identity");
        await browser.ScreenshotAsync("rate");

        // Twenty questions (ten pairs, identity then prompt): keys 1, 2 and 0 and the three buttons in turn.
        string[] keys = ["1", "2", "0"];
        string[] buttons = ["#rate-answer-left", "#rate-answer-right", "#rate-answer-cannot-tell"];
        for (int i = 0; i < 20; i++)
        {
            await Expect(page.Locator("#rate-progress")).ToHaveTextAsync($"{i + 1} of 20");
            await Expect(page.Locator("#rate-left")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
            AssertBlind(await page.ContentAsync());
            if (i % 2 == 0)
            {
                await page.Keyboard.PressAsync(keys[i / 2 % 3]);
            }
            else
            {
                await page.ClickAsync(buttons[i / 2 % 3]);
            }
        }

        await Expect(page.Locator("#rate-done")).ToBeVisibleAsync();
        await Expect(page.Locator("#rate-progress")).ToHaveTextAsync("20 of 20 done");
        AssertBlind(await page.ContentAsync());
        browser.AssertNoConsoleErrors();

        RatingResults results = await services.GetRequiredService<RatingBook>().ResultsAsync(studio.Project.Id, session.Id);
        Assert.All(results.Questions, q => Assert.Equal((10, 10, 1), (q.Pairs, q.Votes, q.Raters)));
    }

    private static void AssertBlind(string html)
    {
        foreach (string provider in Providers)
        {
            Assert.DoesNotContain(provider, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("sim", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A character with the sample references and <paramref name="shotsPerProvider"/> shots of one prompt at each provider.</summary>
    internal static async Task<Character> SeedAsync(IServiceProvider services, Guid project, int shotsPerProvider)
    {
        CharacterCatalog characters = services.GetRequiredService<CharacterCatalog>();
        Character character = await characters.CreateAsync(project, "Barack", null, null);
        string[] files = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        var (report, _) = await characters.AddReferencesAsync(character, [.. files.Select(f => new ReferenceCandidate(
            f, File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", f)), f == "obama.jpg" ? ReferenceRole.Frontal : ReferenceRole.Other))]);
        Assert.True(report.Passed);
        foreach (string provider in Providers)
        {
            IdentityModel identity = await services.GetRequiredService<IdentityManager>().CreateAsync(character, provider);
            for (int seed = 1; seed <= shotsPerProvider; seed++)
            {
                await services.GetRequiredService<ShotRunner>().GenerateAsync(
                    character, identity, new ShotRequest { Prompt = "a portrait in a park", Width = 128, Height = 160, Seed = seed });
            }
        }

        return character;
    }
}
