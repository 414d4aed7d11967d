using Likeness.Core.Ratings;
using Likeness.Testing;

namespace Likeness.Core.Tests.Ratings;

public class RatingEntityTests
{
    [Fact]
    public void An_invite_works_until_it_expires_or_is_revoked()
    {
        var time = new ManualTime();
        RatingInvite invite = RatingInvite.Create(Guid.NewGuid(), " panel 1 ", new string('a', 64), TimeSpan.FromDays(2), time);
        Assert.Equal("panel 1", invite.Label);
        Assert.True(invite.IsValidAt(time.GetUtcNow()));
        Assert.True(invite.IsValidAt(time.GetUtcNow().AddDays(2).AddTicks(-1)));
        Assert.False(invite.IsValidAt(time.GetUtcNow().AddDays(2)));

        DateTimeOffset revoked = time.GetUtcNow().AddHours(1);
        invite.Revoke(revoked);
        invite.Revoke(revoked.AddHours(1));
        Assert.Equal(revoked, invite.RevokedAt);
        Assert.False(invite.IsValidAt(time.GetUtcNow()));
    }

    [Fact]
    public void Invites_need_a_label_and_a_bounded_life()
    {
        var time = new ManualTime();
        Assert.Throws<InvalidInputException>(() => RatingInvite.Create(Guid.NewGuid(), " ", "h", TimeSpan.FromDays(1), time));
        Assert.Throws<InvalidInputException>(() => RatingInvite.Create(Guid.NewGuid(), "x", "h", TimeSpan.Zero, time));
        Assert.Throws<InvalidInputException>(() => RatingInvite.Create(Guid.NewGuid(), "x", "h", RatingInvite.MaxLifetime + TimeSpan.FromSeconds(1), time));
    }

    [Fact]
    public void A_changed_vote_keeps_its_question_and_takes_the_new_answer_and_time()
    {
        var time = new ManualTime();
        RatingVote vote = RatingVote.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), RatingQuestion.Prompt, RatingAnswer.First, time);
        time.Advance(TimeSpan.FromMinutes(3));
        vote.Change(RatingAnswer.CannotTell, time);
        Assert.Equal((RatingQuestion.Prompt, RatingAnswer.CannotTell, time.GetUtcNow()), (vote.Question, vote.Answer, vote.VotedAt));
        Assert.Throws<InvalidInputException>(() => vote.Change((RatingAnswer)7, time));
    }
}
