using Likeness.Core.Providers;

namespace Likeness.Core.Tests.Providers;

/// <summary>
/// The sending signal of <see cref="SubmissionWatch"/>: the callback a caller registers runs once for the call however
/// many submissions follow, flows into what the call starts, ends with its scope, and stops the request when it fails.
/// </summary>
public sealed class SendingSignalTests
{
    [Fact]
    public async Task The_callback_runs_once_for_the_call_however_many_submissions_follow_and_not_after_its_scope()
    {
        int recorded = 0;
        using (SubmissionWatch.OnSending(_ =>
        {
            recorded++;
            return Task.CompletedTask;
        }))
        {
            // Two attempts of one request, and a second submission started from inside the call.
            await SubmissionWatch.SendingAsync(CancellationToken.None);
            await Task.Run(() => SubmissionWatch.SendingAsync(CancellationToken.None));
            Assert.Equal(1, recorded);
        }

        await SubmissionWatch.SendingAsync(CancellationToken.None);
        Assert.Equal(1, recorded);
    }

    [Fact]
    public async Task Without_a_registration_sending_waits_for_nothing()
    {
        Task sending = SubmissionWatch.SendingAsync(CancellationToken.None);
        Assert.True(sending.IsCompletedSuccessfully);
        await sending;
    }

    [Fact]
    public async Task A_callback_that_fails_stops_the_request_and_is_tried_again_by_the_next_attempt()
    {
        int tries = 0;
        using (SubmissionWatch.OnSending(_ => ++tries == 1 ? Task.FromException(new IOException("database gone")) : Task.CompletedTask))
        {
            await Assert.ThrowsAsync<IOException>(() => SubmissionWatch.SendingAsync(CancellationToken.None));
            await SubmissionWatch.SendingAsync(CancellationToken.None);
            await SubmissionWatch.SendingAsync(CancellationToken.None);
        }

        Assert.Equal(2, tries);
    }

    [Fact]
    public async Task An_inner_registration_serves_its_own_call_and_the_outer_one_is_back_after_it()
    {
        var order = new List<string>();
        using (SubmissionWatch.OnSending(_ => Record(order, "outer")))
        {
            using (SubmissionWatch.OnSending(_ => Record(order, "inner")))
            {
                await SubmissionWatch.SendingAsync(CancellationToken.None);
            }

            await SubmissionWatch.SendingAsync(CancellationToken.None);
        }

        Assert.Equal(["inner", "outer"], order);
    }

    [Fact]
    public async Task A_registration_made_inside_an_async_call_does_not_leak_to_its_caller()
    {
        int recorded = 0;
        await RegisterWithoutDisposingAsync(() => recorded++);
        await SubmissionWatch.SendingAsync(CancellationToken.None);
        Assert.Equal(0, recorded);
    }

    private static Task Record(List<string> order, string who)
    {
        order.Add(who);
        return Task.CompletedTask;
    }

    private static async Task RegisterWithoutDisposingAsync(Action recorded)
    {
        await Task.Yield();
        // Not disposed on purpose: the execution context alone must keep the registration inside this call.
        _ = SubmissionWatch.OnSending(_ =>
        {
            recorded();
            return Task.CompletedTask;
        });
    }
}
