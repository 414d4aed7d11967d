using System.Globalization;
using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Inference.Clip;
using Likeness.Server.Tests;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Likeness.Ui.Tests;

/// <summary>
/// The gallery's shots no gate judged, read against the character's calibrated threshold (pass or fail, named by
/// version), and the compare view: a shot beside its closest reference with the numbers an art director weighs, CLIP-T
/// and CLIP-I included (the small test CLIP model is installed), CLIP-I with its hint that it is not identity.
/// </summary>
public sealed class CompareFlowTests
{
    // The face-api demo photos as distractors: enough impostor faces for a usable threshold; the small CLIP model the
    // CLIP tests use, so CLIP-T and CLIP-I are measured.
    private static readonly string[] Settings =
    [
        "--Likeness:DistractorsPath", Path.Combine(RepoPaths.Root, "tests", "data", "faceapi", "inputs"),
        "--Likeness:ClipModel", Path.Combine(RepoPaths.Root, "tests", "data", "clip-tiny"),
    ];

    [ChromiumFact]
    public async Task A_viewer_sees_each_ungated_shot_pass_or_fail_against_the_named_calibration_and_compares_it_with_its_closest_reference()
    {
        await using Studio studio = await Studio.StartAsync(Settings);
        IServiceProvider services = studio.Server.Services;
        await studio.MemberAsync("vera", ProjectRole.Viewer);
        Character character = await JobClient.CharacterWithReferencesAsync(studio.Server, studio.Project.Id, "Obama");
        Guid[] made = await GalleryFlowTests.GenerateAsync(studio, character, 3);
        CalibrationBook book = services.GetRequiredService<CalibrationBook>();
        CharacterCalibration calibration = await book.CurrentAsync(character, await book.SubjectAsync(character));
        double threshold = Assert.IsType<double>(calibration.Threshold);
        Shot[] shots = await Task.WhenAll(made.Select(id => services.GetRequiredService<ShotRunner>().GetAsync(character.Id, id)));
        Shot shot = shots.First(s => s.Scores.FaceDistanceMean is not null);

        await using Browser browser = await Browser.OpenAsync(studio.Server.Address);
        IPage page = browser.Page;
        await browser.SignInAsync("vera", Studio.Password, studio.PageOf("/gallery"));
        await Expect(page.Locator("#shot-count")).ToHaveTextAsync("3 shots");
        foreach (Shot s in shots.Where(s => s.Scores.FaceDistanceMean is not null))
        {
            ILocator badge = page.Locator($"#gallery .shot[data-shot='{s.Id}'] .calibrated");
            await Expect(badge).ToContainTextAsync($"calibration v{calibration.Version}");
            await Expect(badge.Locator(".badge")).ToHaveTextAsync(s.Scores.FaceDistanceMean <= threshold ? "pass" : "fail");
            await Expect(page.Locator($"#gallery .shot[data-shot='{s.Id}'] .distance"))
                .ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"threshold {threshold:F3}"));
        }

        // The compare view: the shot beside the reference at its smallest face distance, and the numbers.
        IReadOnlyList<ReferenceImage> references = await services.GetRequiredService<CharacterCatalog>().ReferencesAsync(character.Id);
        var closest = references.Where(r => r.Analysis is { FacesFound: > 0 })
            .Select(r => (Reference: r, Distance: FaceDistance.Between(shot.Scores.FaceDescriptor!, r.Analysis!.Descriptor))).MinBy(m => m.Distance);
        // CLIP-I worked out here: the mean cosine of the shot's embedding to every reference's, and the one to the closest.
        ClipEngine clip = Assert.IsType<ClipEngine>(services.GetRequiredService<ClipEngineSource>().Engine);
        ClipImageEmbeddings embeddings = services.GetRequiredService<ClipImageEmbeddings>();
        float[] shotEmbedding = await embeddings.OfAsync(clip, shot.Assets[0]);
        var cosines = new List<double>();
        foreach (ReferenceImage reference in references)
        {
            float[] embedding = await embeddings.OfAsync(clip, reference.AssetSha256);
            cosines.Add(ClipMetrics.Cosine(shotEmbedding, embedding));
        }

        float[] closestEmbedding = await embeddings.OfAsync(clip, closest.Reference.AssetSha256);
        double toClosest = ClipMetrics.Cosine(shotEmbedding, closestEmbedding);
        await page.Locator($"#gallery .shot[data-shot='{shot.Id}'] button.compare").ClickAsync();
        await Expect(page.Locator("#compare")).ToBeVisibleAsync();
        await Expect(page.Locator("#compare-reference-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"/references/{closest.Reference.Id}/image"));
        ILocator facts = page.Locator("#compare-facts");
        await Expect(facts).ToContainTextAsync(closest.Reference.FileName);
        await Expect(facts).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"Face distance to it{closest.Distance:F3}"));
        await Expect(facts).ToContainTextAsync($"calibration v{calibration.Version}");
        await Expect(facts).ToContainTextAsync(shot.Scores.FaceDistanceMean <= threshold ? "pass" : "fail");
        await Expect(facts).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"CLIP-T{Assert.IsType<double>(shot.Scores.ClipT):F3}"));
        await Expect(facts).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture,
            $"CLIP-I{cosines.Average():F3} mean of {references.Count} references · {toClosest:F3} to this reference"));
        await Expect(page.Locator("#compare-clip-i-hint")).ToContainTextAsync("CLIP-I measures overall image likeness, not identity");
        await Expect(page.Locator("#compare-shot")).ToHaveJSPropertyAsync("complete", true);
        await browser.ScreenshotAsync("gallery-compare");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#compare")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("gallery-calibrated");
        browser.AssertNoConsoleErrors();
    }
}
