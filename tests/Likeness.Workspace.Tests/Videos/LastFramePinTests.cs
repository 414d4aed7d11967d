using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Media.Decoding;
using Likeness.Testing;
using Likeness.Workspace.Pins;

namespace Likeness.Workspace.Tests.Videos;

/// <summary>A clip's last frame as a pin's frontal image: kept with its provenance when it shows the character, refused otherwise.</summary>
public sealed class LastFramePinTests(TestClips clips) : IClassFixture<TestClips>
{
    [FfmpegFact]
    public async Task The_last_frame_becomes_the_frontal_reference_of_a_new_pin_and_a_clip_ending_on_someone_else_adds_nothing()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await FacedCast.OpenAsync(new WorkspaceOptions { Home = folder.Path });

        Character obama = await workspace.Characters.GetAsync("Barack Obama");
        var pinner = new LastFramePin(workspace, new VideoFrameReader(new FfmpegOptions()));
        var (pin, frame, _) = await pinner.CreateAsync(obama, clips.Zoom);
        Assert.Equal(frame.Id, pin.FrontalReferenceId);
        Assert.Matches(@"^zoom\.mp4@[0-9]+\.[0-9]{2}s\.jpg$", frame.FileName);
        Assert.Equal(ReferenceRole.Frontal, frame.Role);
        Assert.NotEmpty(pin.ReferenceIds);
        Assert.DoesNotContain(frame.Id, pin.ReferenceIds);

        int before = (await workspace.Characters.ReferencesAsync(obama.Id)).Count;
        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => pinner.CreateAsync(obama, clips.Cut));
        Assert.Contains("last frame of cut.mp4", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidVideoException>(() => pinner.CreateAsync(obama, clips.Truncated));
        Assert.Equal(before, (await workspace.Characters.ReferencesAsync(obama.Id)).Count);
        Assert.Single(await workspace.Pins.ListAsync(obama.Id));
    }
}
