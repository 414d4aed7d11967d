namespace Likeness.Core.Ratings.Analysis;

/// <summary>One pair with what the analysis needs: the two arms (providers) it compares, the automatic score of each shot and the votes.</summary>
/// <param name="PairId">The pair.</param>
/// <param name="FirstArm">The provider of the pair's first shot.</param>
/// <param name="SecondArm">The provider of the second.</param>
/// <param name="FirstFaceDistance">The first shot's mean face distance to the references; null when not measured.</param>
/// <param name="SecondFaceDistance">The second shot's.</param>
/// <param name="Votes">Every rater's vote on it (at most one per rater and question).</param>
public sealed record RatedPair(
    Guid PairId, string FirstArm, string SecondArm, double? FirstFaceDistance, double? SecondFaceDistance, IReadOnlyList<RatingBallot> Votes);

/// <summary>One rater's vote on one question of a pair.</summary>
/// <param name="RaterId">The rater (a member's user id or a guest invite's id).</param>
/// <param name="Question">The question.</param>
/// <param name="Answer">The answer, relative to the pair's order.</param>
public sealed record RatingBallot(Guid RaterId, RatingQuestion Question, RatingAnswer Answer);
