using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Providers.Fal.Models;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Fal;

/// <summary>429 storms, 5xx bursts, lost answers and the ambiguous submit: no lost request, no paid duplicate.</summary>
public sealed class ResilienceContractTests
{
    private const string App = FalApps.InstantCharacter;
    private const string Polls = App + "/requests";

    private static ReferenceGenerationRequest Request(int seed = 1) =>
        new("ada", new ShotRequest { Prompt = "portrait", Width = 256, Height = 256, Seed = seed }, FalTestbed.Photos(1));

    [Fact]
    public async Task A_429_storm_on_submit_is_ridden_out_with_one_submission_per_shot()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        bed.Emulator.Faults.Inject(FalFault.TooManyRequests429, 10, App);
        GenerationResult[] results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => bed.Provider.GenerateFromReferencesAsync(Request(i))));
        Assert.All(results, r => Assert.NotEmpty(r.Images));
        Assert.Equal(4, bed.Emulator.Submissions(App));
        Assert.Equal(4, results.Select(r => r.ProviderRequestId).Distinct().Count());
    }

    [Fact]
    public async Task Bursts_of_every_5xx_and_dropped_connections_while_polling_lose_nothing()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        foreach (FalFault fault in new[] { FalFault.BadGateway502, FalFault.ServiceUnavailable503, FalFault.GatewayTimeout504, FalFault.InternalError500, FalFault.DropConnection })
        {
            bed.Emulator.Faults.Inject(fault, 2, Polls);
        }

        bed.Emulator.Faults.Inject(FalFault.ServiceUnavailable503, 2, "storage/");
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(Request());
        Assert.NotEmpty(result.Images);
        Assert.Equal(1, bed.Emulator.Submissions(App));
    }

    [Fact]
    public async Task A_gateway_5xx_on_submit_is_not_resent_and_says_the_outcome_is_unknown()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        string photo = await bed.Client.Storage.ToInputUrlAsync(FalTestbed.Photos(1)[0].Bytes, "image/jpeg", "a.jpg");
        bed.Emulator.Faults.Inject(FalFault.ServiceUnavailable503, 1, App);
        FalException error = await Assert.ThrowsAsync<FalException>(() => bed.Client.SubmitAsync(App, new InstantCharacterInput { Prompt = "x", ImageUrl = photo }));
        Assert.True(error.OutcomeUnknown);
        Assert.False(error.Retriable);
        Assert.Equal(503, error.Status);
        Assert.Contains("not submitted again", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.Submissions(App));
    }

    [Fact]
    public async Task The_ambiguous_process_then_503_is_paid_once_and_reported()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        bed.Emulator.Faults.Inject(FalFault.ProcessThenDrop503, 1, App);
        FalException error = await Assert.ThrowsAsync<FalException>(() => bed.Provider.GenerateFromReferencesAsync(Request()));
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, bed.Emulator.Submissions(App));
    }

    [Fact]
    public async Task Opting_into_resubmission_rides_out_gateway_errors_at_the_price_of_paying_twice_when_fal_had_it()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(client: o => o.Http.RetryAmbiguousSubmissions = true);
        bed.Emulator.Faults.Inject(FalFault.BadGateway502, 2, App);
        Assert.NotEmpty((await bed.Provider.GenerateFromReferencesAsync(Request(1))).Images);
        Assert.Equal(1, bed.Emulator.Submissions(App));

        bed.Emulator.Faults.Inject(FalFault.ProcessThenDrop503, 1, App);
        Assert.NotEmpty((await bed.Provider.GenerateFromReferencesAsync(Request(2))).Images);
        Assert.Equal(3, bed.Emulator.Submissions(App));
    }

    [Fact]
    public async Task A_dropped_answer_to_a_submission_is_not_resent()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        string photo = await bed.Client.Storage.ToInputUrlAsync(FalTestbed.Photos(1)[0].Bytes, "image/jpeg", "a.jpg");
        bed.Emulator.Faults.Inject(FalFault.DropConnection, 1, App);
        FalException error = await Assert.ThrowsAsync<FalException>(() => bed.Client.SubmitAsync(App, new InstantCharacterInput { Prompt = "x", ImageUrl = photo }));
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(0, bed.Emulator.Submissions(App));
    }

    [Fact]
    public async Task A_caller_timeout_504_is_not_retried()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        string photo = await bed.Client.Storage.ToInputUrlAsync(FalTestbed.Photos(1)[0].Bytes, "image/jpeg", "a.jpg");
        bed.Emulator.Faults.Inject(FalFault.UserTimeout504, 2, App);
        FalException first = await Assert.ThrowsAsync<FalException>(() => bed.Client.SubmitAsync(App, new InstantCharacterInput { Prompt = "x", ImageUrl = photo }));
        Assert.Equal(504, first.Status);
        Assert.Equal("request_timeout", first.ErrorType);
        Assert.False(first.OutcomeUnknown);
        // One attempt consumed one fault: the second is still waiting for the next request.
        await Assert.ThrowsAsync<FalException>(() => bed.Client.SubmitAsync(App, new InstantCharacterInput { Prompt = "x", ImageUrl = photo }));
        Assert.Equal(0, bed.Emulator.Submissions(App));
    }

    [Fact]
    public async Task Jobs_beyond_the_client_limit_wait_their_turn_and_all_finish()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(client: o => o.MaxConcurrentJobs = 1);
        var results = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => bed.Provider.GenerateFromReferencesAsync(Request(i))));
        Assert.All(results, r => Assert.Single(r.Images));
        Assert.Equal(3, bed.Emulator.Submissions(App));
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_and_no_key_is_refused_before_any_call()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(client: o => o.Key = "wrong:key");
        FalException error = await Assert.ThrowsAsync<FalException>(() => bed.Client.SubmitAsync(App, new InstantCharacterInput { Prompt = "x", ImageUrl = "data:," }));
        Assert.Equal(401, error.Status);
        using var keyless = new FalClient(new FalClientOptions { QueueUri = bed.Emulator.QueueUri });
        Assert.Contains("FAL_KEY", (await Assert.ThrowsAsync<FalException>(() => keyless.SubmitAsync(App, new InstantCharacterInput { Prompt = "x", ImageUrl = "data:," }))).Message, StringComparison.Ordinal);
        Assert.False(new FalProvider(keyless).Descriptor.IsAvailable);
        Assert.True(bed.Provider.Descriptor.IsAvailable);
    }
}
