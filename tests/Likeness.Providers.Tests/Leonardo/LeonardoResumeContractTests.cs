using Likeness.Core.Providers;
using Likeness.Providers.Http;
using Likeness.Providers.Leonardo;
using Likeness.Providers.Tests.Replicate;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>
/// Resuming a generation from the token the call reported (generation id, init image, seed, reported cost): another
/// client collects the same answer without submitting anything, a passing failure of the poll is retriable, and only
/// Leonardo's word (FAILED, or an unknown generation past the grace) is a verdict; so is an image its host no longer
/// has (404 or 410) from a generation it billed at create, which keeps its price, while a 5xx from the host passes.
/// </summary>
public sealed class LeonardoResumeContractTests
{
    [Fact]
    public async Task A_generation_resumed_from_its_token_answers_as_the_call_that_made_it_and_submits_nothing()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        var tokens = new List<string>();
        ReferenceGenerationRequest request = LeonardoTestbed.Request() with { Submitted = t => { tokens.Add(t); return Task.CompletedTask; } };
        GenerationResult made = await bed.Provider.GenerateFromReferencesAsync(request);
        string token = Assert.Single(tokens);
        Assert.StartsWith(made.ProviderRequestId + "|", token, StringComparison.Ordinal);

        using var other = new LeonardoClient(LeonardoTestbed.OptionsFor(bed.Emulator));
        GenerationResult resumed = await new LeonardoProvider(other).ResumeGenerationAsync(token, request.Shot);
        ResumeContractTests.AssertSameAnswer(made, resumed);
        Assert.True(made.CostUsd > 0);
        Assert.Single(bed.Emulator.Generations);
    }

    [Fact]
    public async Task A_poll_that_fails_is_retriable_and_a_failed_or_unknown_generation_is_leonardos_verdict()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(
            e => e.FailWhen = body => body.GetProperty("prompt").GetString()!.Contains("storm", StringComparison.Ordinal),
            c => (c.NotFoundGrace, c.Http) = (TimeSpan.FromMilliseconds(200), c.Http with { Retry = new RetryOptions { MaxRetries = 0 } }));
        string? token = null;
        ReferenceGenerationRequest request = LeonardoTestbed.Request() with { Submitted = t => { token = t; return Task.CompletedTask; } };

        foreach (FalFault fault in new[] { FalFault.ServiceUnavailable503, FalFault.TooManyRequests429, FalFault.DropConnection })
        {
            bed.Emulator.Faults.Inject(fault, 1, LeonardoTestbed.Polls);
            LeonardoException passing = await Assert.ThrowsAsync<LeonardoException>(() => token is null
                ? bed.Provider.GenerateFromReferencesAsync(request)
                : bed.Provider.ResumeGenerationAsync(token, request.Shot));
            Assert.True(passing.Retriable, passing.Message);
            Assert.NotNull(token);
        }

        GenerationResult collected = await bed.Provider.ResumeGenerationAsync(token!, request.Shot);
        Assert.StartsWith(collected.ProviderRequestId + "|", token, StringComparison.Ordinal);
        Assert.Single(bed.Emulator.Generations);

        string? failed = null;
        await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(
            request with { Shot = request.Shot with { Prompt = "portrait in a storm" }, Submitted = t => { failed = t; return Task.CompletedTask; } }));
        LeonardoException verdict = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.ResumeGenerationAsync(failed!, request.Shot));
        Assert.False(verdict.Retriable || verdict.OutcomeUnknown, verdict.Message);
        Assert.Contains("FAILED", verdict.Message, StringComparison.Ordinal);
        string known = token!;
        string unknownToken = "00000000-0000-0000-0000-000000000000" + known[known.IndexOf('|', StringComparison.Ordinal)..];
        LeonardoException unknown = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.ResumeGenerationAsync(unknownToken, request.Shot));
        Assert.Equal((404, false, false), (unknown.Status, unknown.Retriable, unknown.OutcomeUnknown));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(403)] // The image host gets no key: its 403 is an expired link, not a refused key.
    public async Task An_image_gone_from_a_complete_generation_is_leonardos_billed_verdict_charged_and_final_when_sent_and_when_resumed(int gone)
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(e => e.ImageStatus = gone);
        string? token = null;
        ReferenceGenerationRequest request = LeonardoTestbed.Request(count: 2) with { Submitted = t => { token = t; return Task.CompletedTask; } };

        // Leonardo billed the generation at create (two images at the emulator's $0.0125): its images being gone does not
        // undo that, so the error keeps the price and is no passing failure, no lost answer and no refused key.
        LeonardoException sent = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(request));
        LeonardoException resumed = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.ResumeGenerationAsync(token!, request.Shot));
        foreach (LeonardoException error in new[] { sent, resumed })
        {
            Assert.StartsWith("The provider's result expired before it was collected: Leonardo ran generation ", error.Message, StringComparison.Ordinal);
            Assert.Equal((gone, 0.025m), (error.Status, error.ChargedUsd));
            Assert.False(error.Retriable || error.OutcomeUnknown || error.KeyRefused, error.Message);
            Assert.Equal(bed.Emulator.Generations[0].Id, error.RequestId);
        }

        Assert.Single(bed.Emulator.Generations);
    }

    [Fact]
    public async Task An_image_host_that_cannot_answer_now_is_a_passing_failure_that_charges_nothing_and_a_later_collect_gets_the_images()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(
            e => e.ImageStatus = 503, c => c.Http = c.Http with { Retry = new RetryOptions { MaxRetries = 0 } });
        string? token = null;
        ReferenceGenerationRequest request = LeonardoTestbed.Request() with { Submitted = t => { token = t; return Task.CompletedTask; } };

        LeonardoException passing = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(request));
        Assert.True(passing.Retriable, passing.Message);
        Assert.Equal((503, 0m), (passing.Status, passing.ChargedUsd));

        bed.Emulator.Options.ImageStatus = null;
        GenerationResult collected = await bed.Provider.ResumeGenerationAsync(token!, request.Shot);
        Assert.Single(collected.Images);
        Assert.True(collected.CostUsd > 0);
        Assert.Single(bed.Emulator.Generations);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gen-1")]
    [InlineData("gen-1|init-1|7|0.01|DOLLARS")]
    [InlineData("gen-1|init-1|seven|0.01|DOLLARS|")]
    [InlineData("|init-1|7|||")]
    [InlineData("gen-1||7|||")]
    [InlineData("gen-1|init-1|7|||many")]
    public async Task A_malformed_token_is_refused_before_anything_is_asked(string token)
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.ResumeGenerationAsync(token, LeonardoTestbed.Request().Shot));
        Assert.Empty(bed.Emulator.Generations);
    }
}
