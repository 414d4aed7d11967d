using Likeness.Core.Gates;
using Likeness.Core.Routing;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Shots.Listing;

/// <summary>
/// A shot as a list shows it: what a gallery card needs, read without materialising the shot's request, scores,
/// metadata and routing whole (the full shot is <see cref="ShotRunner.GetAsync(Guid, Guid, CancellationToken)"/>).
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="CharacterId">Its character.</param>
/// <param name="IdentityModelId">The identity model used.</param>
/// <param name="Provider">The provider.</param>
/// <param name="Status">Its state.</param>
/// <param name="Request">What was asked, in brief.</param>
/// <param name="ImageCount">How many images it has.</param>
/// <param name="CostUsd">What it cost.</param>
/// <param name="Simulated">Whether the simulator made it.</param>
/// <param name="Scores">Its face score, in brief.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="CompletedAt">When it finished.</param>
/// <param name="Verdict">The identity gate's verdict; null when no gate judged it.</param>
/// <param name="Review">A person's accept or reject; null until reviewed.</param>
/// <param name="Routing">Which entry of the character's route made it; null for a shot made without a route.</param>
public sealed record ShotSummary(
    Guid Id, Guid CharacterId, Guid IdentityModelId, string Provider, ShotStatus Status, ShotRequestBrief Request, int ImageCount, decimal CostUsd,
    bool Simulated, ShotScoresBrief Scores, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, ShotVerdict? Verdict, ShotReview? Review, ShotRouting? Routing);

/// <summary>What a shot asked for, as a list shows it (the rest of <see cref="ShotRequest"/> is on the full shot).</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="Scenario">The scenario it came from, if any.</param>
/// <param name="Seed">The seed.</param>
public sealed record ShotRequestBrief(string Prompt, string? Scenario, long Seed);

/// <summary>A shot's face score, as a list shows it (descriptors and DINO scores are on the full shot's <see cref="ShotScores"/>).</summary>
/// <param name="FaceDetected">Whether a face was found; null when not measured.</param>
/// <param name="FaceDistanceMin">The smallest face distance to the references; null without a face.</param>
/// <param name="FaceDistanceMean">The mean face distance to the references (what a calibration's threshold is set on); null without a face.</param>
/// <param name="FaceAnalyzer">The face engine that measured it (a threshold holds only for its own engine); null when not measured.</param>
public sealed record ShotScoresBrief(bool? FaceDetected, double? FaceDistanceMin, double? FaceDistanceMean, string? FaceAnalyzer);

/// <summary>One page of shot summaries (<see cref="ShotSummaries.PageAsync"/>).</summary>
/// <param name="Shots">The page, oldest first.</param>
/// <param name="Next">The last shot's id when more follow; null on the last page.</param>
public sealed record ShotSummaryPage(IReadOnlyList<ShotSummary> Shots, Guid? Next);
