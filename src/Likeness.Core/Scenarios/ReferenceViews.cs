namespace Likeness.Core.Scenarios;

/// <summary>
/// The five standard views of a reference set (seed 003's <c>generate-refs</c>): what an art director checks a trained
/// identity against and what a pin is chosen from. Front and three-quarter are plain head-and-shoulders views.
/// </summary>
public static class ReferenceViews
{
    /// <summary>Facing the camera.</summary>
    public static Scenario Frontal { get; } = new(
        "frontal", "Frontal", "front view, facing the camera, neutral expression, even studio light, plain light grey background", "3:4", Framing.CloseUp);

    /// <summary>Head turned halfway.</summary>
    public static Scenario ThreeQuarter { get; } = new(
        "three-quarter", "Three-quarter", "three-quarter view, head turned 45 degrees to the left, even studio light, plain light grey background", "3:4", Framing.CloseUp);

    /// <summary>Side view.</summary>
    public static Scenario Profile { get; } = new(
        "profile", "Profile", "side profile view, face turned 90 degrees, even studio light, plain light grey background", "3:4", Framing.Profile);

    /// <summary>Standing, head to feet.</summary>
    public static Scenario FullBody { get; } = new(
        "full-body", "Full body", "full-body front view standing, arms relaxed, head to feet in frame, plain light grey background", "9:16", Framing.Wide);

    /// <summary>The face filling the frame.</summary>
    public static Scenario CloseUp { get; } = new(
        "close-up", "Close-up", "close-up of the face filling the frame, looking at the camera, soft light", "1:1", Framing.CloseUp);

    /// <summary>All five, in the order a set is made and shown.</summary>
    public static IReadOnlyList<Scenario> All { get; } = [Frontal, ThreeQuarter, Profile, FullBody, CloseUp];
}
