using System.Net;
using Likeness.Core.Providers;
using Likeness.Providers.Astria;
using Likeness.Providers.Astria.Models;
using Likeness.Providers.Http;
using Likeness.Testing.Emulators.Astria;

namespace Likeness.Providers.Tests.Astria;

/// <summary>Astria's retry rules (providers.md §3.3) under 429 storms, 5xx bursts and processed 504s: no lost job, no paid duplicate.</summary>
public sealed class AstriaResilienceContractTests
{
    private static TrainingRequest Training() => new("adaqzx", "adaqzx", AstriaTestbed.Photos(), new Dictionary<string, string>());

    [Fact]
    public void The_default_rules_wait_30_s_before_a_500_never_retry_a_422_and_never_resend_a_paid_post()
    {
        HttpPipelineOptions rules = new AstriaClientOptions().Http;
        using var error500 = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        using var error422 = new HttpResponseMessage(HttpStatusCode.UnprocessableEntity);
        using var timeout504 = new HttpResponseMessage(HttpStatusCode.GatewayTimeout);
        using var limited429 = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        Assert.True(RetryPolicy.DelayFor(1, error500, rules, DateTimeOffset.UnixEpoch, new Random(1)) >= TimeSpan.FromSeconds(30));
        Assert.True(RetryPolicy.IsRetriable(error500, RequestKind.Idempotent, rules));
        Assert.True(RetryPolicy.IsRetriable(timeout504, RequestKind.Idempotent, rules));
        Assert.False(RetryPolicy.IsRetriable(error422, RequestKind.Idempotent, rules));
        Assert.False(RetryPolicy.IsRetriable(error500, RequestKind.Submission, rules));
        Assert.False(RetryPolicy.IsRetriable(timeout504, RequestKind.Submission, rules));
        Assert.True(RetryPolicy.IsRetriable(limited429, RequestKind.Submission, rules));
        Assert.Equal(TimeSpan.FromSeconds(60), new AstriaClientOptions().AmbiguousRecheckDelay);
    }

    [Fact]
    public async Task A_429_storm_on_every_post_is_ridden_out_with_one_tune_and_one_prompt_per_shot()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        bed.Emulator.Faults.Inject(AstriaFault.TooManyRequests429, 6, "POST");
        TrainingOperation operation = await bed.TrainAsync();
        bed.Emulator.Faults.Inject(AstriaFault.TooManyRequests429, 6, "POST");
        GenerationResult[] shots = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(i), []) { ProviderModelIds = [operation.Id] })));
        Assert.All(shots, s => Assert.Single(s.Images));
        Assert.Equal(1, bed.Emulator.TuneSubmissions);
        Assert.Equal(3, bed.Emulator.PromptSubmissions);
    }

    [Fact]
    public async Task Bursts_of_5xx_429_and_dropped_connections_while_polling_lose_nothing()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        foreach (AstriaFault fault in new[] { AstriaFault.InternalError500, AstriaFault.BadGateway502, AstriaFault.ServiceUnavailable503, AstriaFault.ProcessedThenTimeout504, AstriaFault.TooManyRequests429, AstriaFault.DropConnection })
        {
            bed.Emulator.Faults.Inject(fault, 2, "GET");
        }

        TrainingOperation operation = await bed.TrainAsync();
        GenerationResult shot = await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), []) { ProviderModelIds = [operation.Id] });
        Assert.Single(shot.Images);
        Assert.Equal((1, 1), (bed.Emulator.TuneSubmissions, bed.Emulator.PromptSubmissions));
    }

    [Fact]
    public async Task A_504_on_a_tune_that_was_processed_is_found_by_its_title_and_not_sent_again()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        bed.Emulator.Faults.Inject(AstriaFault.ProcessedThenTimeout504, 1, "POST", "tunes");
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(Training());
        Assert.Equal(bed.Emulator.Jobs.Single().Id.ToString(System.Globalization.CultureInfo.InvariantCulture), operation.Id);
        Assert.Equal(1, bed.Emulator.TuneSubmissions);
    }

    [Fact]
    public async Task A_500_on_a_tune_Astria_does_not_have_is_reported_without_title_idempotency()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        bed.Emulator.Faults.Inject(AstriaFault.InternalError500, 1, "POST", "tunes");
        AstriaException error = await Assert.ThrowsAsync<AstriaException>(() => bed.Provider.StartTrainingAsync(Training()));
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("not sent again", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.TuneSubmissions);
    }

    [Fact]
    public async Task With_title_idempotency_an_unfound_tune_is_sent_once_more_and_a_duplicate_title_is_deduplicated()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(emulator: o => o.TitleIdempotency = true, client: o => o.TitleIdempotency = true);
        bed.Emulator.Faults.Inject(AstriaFault.ServiceUnavailable503, 1, "POST", "tunes");
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(Training());
        Assert.Equal(1, bed.Emulator.TuneSubmissions);

        // A re-send Astria did receive (dropped answer, then the same title again) is deduplicated by the account setting.
        string title = bed.Emulator.Jobs.Single().Title;
        AstriaTune again = await bed.Client.CreateTuneAsync(new AstriaTuneRequest { Name = "person", Title = title, Images = [new("a.jpg", AstriaTestbed.Photos(1)[0].Bytes, "image/jpeg")] });
        Assert.Equal(operation.Id, again.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, bed.Emulator.TuneSubmissions);
    }

    [Fact]
    public async Task A_processed_504_on_a_prompt_is_reported_and_never_sent_again()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        TrainingOperation operation = await bed.TrainAsync();
        bed.Emulator.Faults.Inject(AstriaFault.ProcessedThenTimeout504, 1, "POST", "tunes/1504944/prompts");
        AstriaException error = await Assert.ThrowsAsync<AstriaException>(() =>
            bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), []) { ProviderModelIds = [operation.Id] }));
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(504, error.Status);
        Assert.Equal(1, bed.Emulator.PromptSubmissions);
    }

    [Fact]
    public async Task A_dropped_answer_to_a_prompt_is_not_resent()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        bed.Emulator.Faults.Inject(AstriaFault.DropConnection, 1, "POST", "tunes/1504944/prompts");
        AstriaException error = await Assert.ThrowsAsync<AstriaException>(() => bed.Client.CreatePromptAsync(1504944, new AstriaPromptRequest { Text = "a red apple" }));
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(0, bed.Emulator.PromptSubmissions);
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_and_no_key_is_refused_before_any_call()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(client: o => o.Key = "sd_wrong");
        Assert.Equal(401, (await Assert.ThrowsAsync<AstriaException>(() => bed.Client.GetTuneAsync(1504944))).Status);
        using var keyless = new AstriaClient(new AstriaClientOptions { BaseUri = bed.Emulator.BaseUri });
        Assert.Contains("ASTRIA_API_KEY", (await Assert.ThrowsAsync<AstriaException>(() => keyless.GetTuneAsync(1504944))).Message, StringComparison.Ordinal);
        Assert.False(new AstriaProvider(keyless).Descriptor.IsAvailable);
        Assert.True(bed.Provider.Descriptor.IsAvailable);
    }
}
