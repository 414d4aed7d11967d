using System.Text.RegularExpressions;
using Likeness.Testing;
using Microsoft.Playwright;

namespace Likeness.Ui.Tests;

/// <summary>
/// Headless Debian Chromium driven by Playwright (its node driver ships inside the NuGet package; no browser is ever
/// downloaded): one context per test, every console error and uncaught page error recorded, so a test fails on any
/// that it did not expect. LIKENESS_UI_SCREENSHOTS=DIR keeps full-page screenshots there (docs/ui in the repository).
/// </summary>
internal sealed partial class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];

    private Browser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    /// <summary>The browser context (its cookies are the signed-in session).</summary>
    public IBrowserContext Context { get; }

    /// <summary>The page the test drives.</summary>
    public IPage Page { get; }

    /// <summary>Opens a page at <paramref name="address"/>'s origin, 1280 px wide.</summary>
    public static async Task<Browser> OpenAsync(Uri address)
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        IPage page = await context.NewPageAsync();
        var opened = new Browser(playwright, browser, context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (opened._errors)
                {
                    opened._errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (opened._errors)
            {
                opened._errors.Add("uncaught: " + error);
            }
        };
        return opened;
    }

    /// <summary>Signs in through the sign-in page and waits for the page it leads to.</summary>
    public async Task SignInAsync(string name, string password, string start = "/ui")
    {
        await Page.GotoAsync(start);
        await Assertions.Expect(Page).ToHaveURLAsync(SignInPage());
        await Page.FillAsync("#signin-name", name);
        await Page.FillAsync("#signin-password", password);
        await Page.ClickAsync("button[type=submit]");
        await Assertions.Expect(Page.Locator("#sign-out")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Fails on any console or page error except a browser's own note of a response with one of
    /// <paramref name="expectedStatuses"/> (a refusal the test provokes on purpose).
    /// </summary>
    public void AssertNoConsoleErrors(params int[] expectedStatuses)
    {
        string[] unexpected;
        lock (_errors)
        {
            unexpected = [.. _errors.Where(e => !expectedStatuses.Any(s => e.Contains($"status of {s} ", StringComparison.Ordinal)))];
        }

        Assert.True(unexpected.Length == 0, "Console errors:\n" + string.Join('\n', unexpected));
    }

    /// <summary>Full-page screenshots of the current page at 1280 and 1920 px wide, when LIKENESS_UI_SCREENSHOTS names a folder.</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("LIKENESS_UI_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach ((int width, int height) in new[] { (1920, 1080), (1280, 800) })
        {
            await Page.SetViewportSizeAsync(width, height);
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // From the top: a full-page capture of a scrolled page draws the sticky header in the middle.
            await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
        }
    }

    /// <summary>The sign-in page's address.</summary>
    public static Regex SignInPage() => SignInRegex();

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [GeneratedRegex("/ui/sign-in")]
    private static partial Regex SignInRegex();
}
