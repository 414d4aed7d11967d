using Likeness.Core.Providers;
using Likeness.Providers.Astria;
using Likeness.Providers.Http;
using Likeness.Providers.Tests.Replicate;
using Likeness.Testing.Emulators.Astria;

namespace Likeness.Providers.Tests.Astria;

/// <summary>
/// Resuming a prompt from the token the call reported (price app, tune id, prompt id): another client collects the
/// same answer without creating anything, a passing failure of the status read is retriable, and only Astria's word
/// (the prompt gone, past the grace) is a verdict.
/// </summary>
public sealed class AstriaResumeContractTests
{
    [Fact]
    public async Task A_prompt_resumed_from_its_token_answers_as_the_call_that_made_it_and_creates_nothing()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        var tokens = new List<string>();
        var request = new ReferenceGenerationRequest("adaqzx", AstriaTestbed.Shot(), AstriaTestbed.Photos(2)) { Submitted = t => { tokens.Add(t); return Task.CompletedTask; } };
        GenerationResult made = await bed.FaceId.GenerateFromReferencesAsync(request);
        string token = Assert.Single(tokens);
        Assert.Equal($"{AstriaDescriptor.FaceIdPromptApp}#{made.Metadata["astria.tune_id"]}/{made.ProviderRequestId}", token);

        using var other = new AstriaClient(AstriaTestbed.OptionsFor(bed.Emulator));
        GenerationResult resumed = await new AstriaProvider(other, bed.FaceId.Options).ResumeGenerationAsync(token, request.Shot);
        ResumeContractTests.AssertSameAnswer(made, resumed);
        Assert.Equal(0.10m, resumed.CostUsd);
        Assert.Equal(1, bed.Emulator.PromptSubmissions);
    }

    [Fact]
    public async Task A_status_read_that_fails_is_retriable_and_a_prompt_astria_no_longer_has_is_its_verdict()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(
            e => e.FailPrompt = text => text.Contains("storm", StringComparison.Ordinal),
            c => (c.NotFoundGrace, c.Http) = (TimeSpan.FromMilliseconds(200), c.Http with { Retry = new RetryOptions { MaxRetries = 0 } }));
        string? token = null;
        var request = new ReferenceGenerationRequest("adaqzx", AstriaTestbed.Shot(), AstriaTestbed.Photos(2)) { Submitted = t => { token = t; return Task.CompletedTask; } };

        foreach (AstriaFault fault in new[] { AstriaFault.ServiceUnavailable503, AstriaFault.TooManyRequests429, AstriaFault.DropConnection })
        {
            bed.Emulator.Faults.Inject(fault, 1, "GET", "tunes/1504944/prompts/");
            AstriaException passing = await Assert.ThrowsAsync<AstriaException>(() => token is null
                ? bed.FaceId.GenerateFromReferencesAsync(request)
                : bed.FaceId.ResumeGenerationAsync(token, request.Shot));
            Assert.True(passing.Retriable, passing.Message);
            Assert.NotNull(token);
        }

        GenerationResult collected = await bed.FaceId.ResumeGenerationAsync(token!, request.Shot);
        Assert.EndsWith("/" + collected.ProviderRequestId, token, StringComparison.Ordinal);
        Assert.Equal(1, bed.Emulator.PromptSubmissions);

        // The prompt's generation fails at Astria: it is gone (404) once its time is up, past the grace a verdict.
        string? failed = null;
        await Assert.ThrowsAsync<AstriaException>(() => bed.FaceId.GenerateFromReferencesAsync(
            request with { Shot = request.Shot with { Prompt = "ohwx person in a storm" }, Submitted = t => { failed = t; return Task.CompletedTask; } }));
        AstriaException verdict = await Assert.ThrowsAsync<AstriaException>(() => bed.FaceId.ResumeGenerationAsync(failed!, request.Shot));
        Assert.Equal((404, false, false), (verdict.Status, verdict.Retriable, verdict.OutcomeUnknown));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1504944/5000")]
    [InlineData("astria/faceid-prompt#1504944")]
    [InlineData("astria/faceid-prompt#1504944/x")]
    [InlineData("astria/faceid-prompt#0/5000")]
    [InlineData("fal-ai/flux-lora#1504944/5000")]
    [InlineData("astria/faceid-prompt#1504944/5000/1")]
    public async Task A_malformed_token_is_refused_before_anything_is_asked(string token)
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => bed.FaceId.ResumeGenerationAsync(token, AstriaTestbed.Shot()));
        Assert.Empty(bed.Emulator.Jobs);
    }
}
