using Likeness.Core.Scoring;
using Likeness.Core.TrainingSets;
using Likeness.Imaging.Statistics;

namespace Likeness.Core.Tests.TrainingSets;

/// <summary>Captions name the trigger first and what varies, and change when the image does.</summary>
public sealed class CaptionWriterTests
{
    private static readonly TrainingImageFacts Portrait = new()
    {
        Name = "a.jpg", Width = 1000, Height = 1000, Fingerprint = 0, FacesFound = 1, Face = new FaceBox(300, 200, 400, 500),
        Turn = 0.01, FaceLuma = 120, Background = new BorderColour(200, 200, 200),
    };

    [Fact]
    public void The_caption_starts_with_the_trigger_and_describes_framing_angle_light_and_background()
    {
        Assert.Equal("adaxyz, close-up, facing the camera, even light, light grey background", CaptionWriter.Write("adaxyz", Portrait));
    }

    [Fact]
    public void Each_measured_difference_changes_the_caption()
    {
        TrainingImageFacts[] variants =
        [
            Portrait,
            Portrait with { Face = new FaceBox(450, 100, 80, 90) },
            Portrait with { Turn = -0.4 },
            Portrait with { Turn = 0.15 },
            Portrait with { FaceLuma = 60 },
            Portrait with { FaceLuma = 200 },
            Portrait with { Background = new BorderColour(30, 60, 200) },
            Portrait with { Labels = ["outdoors", "smiling"] },
        ];
        string[] captions = [.. variants.Select(v => CaptionWriter.Write("adaxyz", v))];
        Assert.Equal(captions.Length, captions.Distinct().Count());
        Assert.Contains("full-body shot", captions[1], StringComparison.Ordinal);
        Assert.Contains("profile facing left", captions[2], StringComparison.Ordinal);
        Assert.Contains("low-key light", captions[4], StringComparison.Ordinal);
        Assert.Contains("blue background", captions[6], StringComparison.Ordinal);
        Assert.EndsWith("outdoors, smiling", captions[7], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 10, 10, "black")]
    [InlineData(250, 250, 250, "white")]
    [InlineData(220, 40, 40, "red")]
    [InlineData(40, 160, 60, "green")]
    [InlineData(120, 80, 40, "brown")]
    [InlineData(15, 25, 70, "dark blue")]
    public void Colours_get_plain_names(double r, double g, double b, string name) => Assert.Equal(name, CaptionWriter.ColourName(new BorderColour(r, g, b)));
}
