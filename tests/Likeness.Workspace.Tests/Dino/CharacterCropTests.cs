using Likeness.Core.Scoring;
using Likeness.Workspace.Dino;

namespace Likeness.Workspace.Tests.Dino;

public sealed class CharacterCropTests
{
    [Fact]
    public void A_face_grows_to_three_widths_and_six_heights_below_its_top()
    {
        // Face 40x50 at (180, 100) in a 400x800 frame: centre x 200, so 140..260; 75 (half a face above) to 400.
        Assert.Equal((140, 75, 120, 325), CharacterCrop.For(400, 800, new FaceBox(180, 100, 40, 50)));
    }

    [Fact]
    public void The_crop_is_clamped_to_the_frame()
    {
        Assert.Equal((0, 0, 100, 120), CharacterCrop.For(100, 120, new FaceBox(-10, 5, 60, 40)));
        Assert.Equal((50, 0, 50, 120), CharacterCrop.For(100, 120, new FaceBox(80, 10, 30, 30)));
    }

    [Fact]
    public void Without_a_face_the_crop_is_the_whole_frame()
    {
        Assert.Equal((0, 0, 640, 480), CharacterCrop.For(640, 480, null));
        Assert.Equal((0, 0, 640, 480), CharacterCrop.For(640, 480, new FaceBox(10, 10, 0, 0)));
    }
}
