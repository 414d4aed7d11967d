using Likeness.Core.Pins;
using Likeness.Core.References;
using Likeness.Core.Videos;
using Likeness.Testing;

namespace Likeness.Core.Tests;

public sealed class PinAndVideoRulesTests
{
    private readonly ManualTime _time = new();
    private readonly Guid _character = Guid.NewGuid();

    private ReferenceImage Reference(ReferenceRole role, int faces = 1)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        return ReferenceImage.Create(_character, new string('a', 64), $"{role}.jpg", "jpeg", 1024, 1024, 1000, role, 0,
            new ReferenceAnalysis { FacesFound = faces, Analyzer = "test" }, _time);
    }

    [Fact]
    public void The_default_pin_is_the_frontal_reference_and_three_others_of_different_roles_first()
    {
        ReferenceImage otherA = Reference(ReferenceRole.Other), otherB = Reference(ReferenceRole.Other), frontal = Reference(ReferenceRole.Frontal);
        ReferenceImage faceless = Reference(ReferenceRole.FullBody, faces: 0), profile = Reference(ReferenceRole.Profile), frontal2 = Reference(ReferenceRole.Frontal);
        ReferenceImage[] all = [otherA, otherB, frontal, faceless, profile, frontal2];

        Assert.Same(frontal, PinSelection.Frontal(all));

        // A new role beats a repeated one; a photo with a face beats one without; older first.
        Assert.Equal([otherA, profile, faceless], PinSelection.Others(all, frontal));
        Assert.Equal([otherA, otherB], PinSelection.Others([otherA, otherB, frontal], frontal));
        RuleViolationException noFrontal = Assert.Throws<RuleViolationException>(() => PinSelection.Frontal([otherA, profile]));
        Assert.Equal((DomainRules.FrontalRequired, "rule-violated"), (noFrontal.Rule, noFrontal.Code));
        Assert.DoesNotContain("--", noFrontal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pin_takes_one_to_three_distinct_references_besides_its_frontal()
    {
        Guid f = Guid.NewGuid(), a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        Assert.Equal([a, b, c], Pin.Create(_character, f, [a, b, c], _time).ReferenceIds);
        Assert.Throws<RuleViolationException>(() => Pin.Create(_character, f, [], _time));
        Assert.Throws<RuleViolationException>(() => Pin.Create(_character, f, [a, b, c, d], _time));
        Assert.Throws<RuleViolationException>(() => Pin.Create(_character, f, [a, f], _time));
        Assert.Throws<RuleViolationException>(() => Pin.Create(_character, f, [a, a], _time));
    }

    [Fact]
    public void A_video_checks_its_request_and_closes_once()
    {
        Assert.Throws<InvalidInputException>(() => Video.Create(_character, Guid.NewGuid(), "sim-instant", " ", 5, "16:9", _time));
        Assert.Throws<InvalidInputException>(() => Video.Create(_character, Guid.NewGuid(), "sim-instant", "walks", 0, "16:9", _time));
        Assert.Throws<InvalidInputException>(() => Video.Create(_character, Guid.NewGuid(), "sim-instant", "walks", 16, "16:9", _time));
        Assert.Throws<InvalidInputException>(() => Video.Create(_character, Guid.NewGuid(), "sim-instant", "walks", 5, "4:3", _time));

        Video video = Video.Create(_character, Guid.NewGuid(), "sim-instant", " walks ", 5, "9:16", _time);
        Assert.Equal(("walks", VideoStatus.Pending), (video.Prompt, video.Status));
        video.Succeed(new string('b', 64), "video/x-msvideo", 5, "req", 1200, 0.56m, simulated: true, _time);
        Assert.Equal(VideoStatus.Succeeded, video.Status);
        Assert.Throws<RuleViolationException>(() => video.Fail("late", _time));
    }
}
