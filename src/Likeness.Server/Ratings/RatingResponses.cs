using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;
using Likeness.Workspace.Ratings;

namespace Likeness.Server.Ratings;

/// <summary>A rating session as its project's members see it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Source">Where its shots came from ("study:NAME", "character:NAME", "shots").</param>
/// <param name="Pairs">How many pairs it compares.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record RatingSessionResponse(Guid Id, string Name, string Source, int Pairs, DateTimeOffset CreatedAt)
{
    internal static RatingSessionResponse From(RatingSession s, int pairs) => new(s.Id, s.Name, s.Source, pairs, s.CreatedAt);
}

/// <summary>Make a rating session from shots or from a character's shots.</summary>
/// <param name="Name">Its name (default: the character's name, or "shots").</param>
/// <param name="ShotIds">The shots to pair; or give <paramref name="Character"/>.</param>
/// <param name="Character">A character (id, id prefix or name) whose succeeded shots are paired.</param>
/// <param name="PairsPerProviderPair">Pairs per two providers and cell (default 2).</param>
public sealed record CreateRatingRequest(string? Name, IReadOnlyList<Guid>? ShotIds, string? Character, int? PairsPerProviderPair);

/// <summary>Invite a guest rater.</summary>
/// <param name="Label">Who it is for.</param>
/// <param name="ExpiresInDays">Days it works (default 14, at most 90).</param>
public sealed record CreateInviteRequest(string? Label, double? ExpiresInDays);

/// <summary>A guest invite (never its secret, which is shown once when issued).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Label">Who it is for.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="RevokedAt">When it was revoked.</param>
public sealed record InviteResponse(Guid Id, string Label, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    internal static InviteResponse From(RatingInvite i) => new(i.Id, i.Label, i.CreatedAt, i.ExpiresAt, i.RevokedAt);
}

/// <summary>A new invite with its secret and the guest's link, shown this once.</summary>
/// <param name="Invite">The invite.</param>
/// <param name="Secret">The secret (send it as the X-Rating-Invite header).</param>
/// <param name="Link">The rating page for the guest; the secret is in the fragment, which browsers never send to a server.</param>
public sealed record IssuedInviteResponse(InviteResponse Invite, string Secret, string Link);

/// <summary>A vote on the pair shown.</summary>
/// <param name="PairId">The pair.</param>
/// <param name="Question">identity or prompt.</param>
/// <param name="Answer">left, right or cannot-tell.</param>
public sealed record VoteRequest(Guid PairId, string? Question, string? Answer);

/// <summary>
/// What a rater is asked next. Nothing names a provider or a shot: the pair is an opaque id, the images are addressed by
/// pair and side.
/// </summary>
/// <param name="Session">The session's name.</param>
/// <param name="Done">True when every question is answered.</param>
/// <param name="PairId">The pair.</param>
/// <param name="Question">identity or prompt.</param>
/// <param name="QuestionText">The question as shown.</param>
/// <param name="Prompt">The prompt both images were made from.</param>
/// <param name="Left">The left image's address.</param>
/// <param name="Right">The right image's address.</param>
/// <param name="References">The character's reference images' addresses.</param>
/// <param name="Answered">Questions answered.</param>
/// <param name="Total">Questions in all.</param>
public sealed record RaterTaskResponse(
    string Session, bool Done, Guid? PairId, string? Question, string? QuestionText, string? Prompt, string? Left, string? Right,
    IReadOnlyList<string> References, int Answered, int Total)
{
    internal static RaterTaskResponse From(string session, RaterTask task, string imageBase) => task.PairId is not { } pair
        ? new(session, true, null, null, null, null, null, null, [], task.Answered, task.Total)
        : new(
            session, false, pair, RatingNames.Of(task.Question!.Value), RatingNames.TextOf(task.Question.Value), task.Prompt,
            $"{imageBase}/pairs/{pair}/images/left", $"{imageBase}/pairs/{pair}/images/right",
            [.. Enumerable.Range(0, task.ReferenceCount).Select(i => $"{imageBase}/pairs/{pair}/references/{i}")], task.Answered, task.Total);
}

/// <summary>A session's human statistics.</summary>
/// <param name="Questions">Identity, then prompt.</param>
/// <param name="AutomaticAgreement">How often the smaller face distance picked the human majority's identity winner.</param>
public sealed record RatingResultsResponse(IReadOnlyList<QuestionResponse> Questions, ProportionSummary AutomaticAgreement)
{
    internal static RatingResultsResponse From(RatingResults r) => new([.. r.Questions.Select(QuestionResponse.From)], r.AutomaticAgreement);
}

/// <summary>One question's statistics (see docs/rating.md).</summary>
/// <param name="Question">identity or prompt.</param>
/// <param name="Pairs">Pairs with a vote.</param>
/// <param name="Votes">Votes.</param>
/// <param name="Raters">Raters.</param>
/// <param name="Decided">Pairs whose majority chose a shot.</param>
/// <param name="Undecided">Pairs with a tie or a "cannot tell" majority.</param>
/// <param name="WinRates">Each provider's wins over its decided pairs, with the Wilson 95 % interval.</param>
/// <param name="KrippendorffAlpha">Nominal alpha (missing votes allowed).</param>
/// <param name="FleissKappa">Fleiss' kappa when every pair has the same number of votes.</param>
public sealed record QuestionResponse(
    string Question, int Pairs, int Votes, int Raters, int Decided, int Undecided, IReadOnlyList<ArmWinRate> WinRates,
    double? KrippendorffAlpha, double? FleissKappa)
{
    internal static QuestionResponse From(QuestionSummary q) =>
        new(RatingNames.Of(q.Question), q.Pairs, q.Votes, q.Raters, q.Decided, q.Undecided, q.WinRates, q.KrippendorffAlpha, q.FleissKappa);
}

/// <summary>The API's names of questions and answers.</summary>
internal static class RatingNames
{
    public static string Of(RatingQuestion question) => question == RatingQuestion.Identity ? "identity" : "prompt";

    public static string TextOf(RatingQuestion question) => question == RatingQuestion.Identity
        ? "Which image better keeps the identity of the person in the references?"
        : "Which image better follows the prompt?";

    public static RatingQuestion Question(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "identity" => RatingQuestion.Identity,
        "prompt" => RatingQuestion.Prompt,
        _ => throw new Core.InvalidInputException("'question' is identity or prompt.", "question"),
    };

    public static RatingSide Side(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "left" => RatingSide.Left,
        "right" => RatingSide.Right,
        "cannot-tell" => RatingSide.CannotTell,
        _ => throw new Core.InvalidInputException("'answer' is left, right or cannot-tell.", "answer"),
    };
}
