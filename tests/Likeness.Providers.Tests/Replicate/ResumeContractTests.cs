using Likeness.Core.Providers;
using Likeness.Providers.Http;
using Likeness.Providers.Replicate;
using Likeness.Testing.Emulators.Replicate;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>
/// Resuming a prediction from the token a generation reported (its id): another client collects the same answer without
/// creating anything, a passing failure of the status read is retriable, and only Replicate's word on the prediction
/// (failed, or unknown past the grace) is a verdict.
/// </summary>
public sealed class ResumeContractTests
{
    [Fact]
    public async Task A_prediction_resumed_from_its_token_answers_as_the_call_that_made_it_and_creates_nothing()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        string version = bed.TrainedVersion();
        var tokens = new List<string>();
        TrainedGenerationRequest request = ReplicateTestbed.Shot(version) with { Submitted = t => { tokens.Add(t); return Task.CompletedTask; } };
        GenerationResult made = await bed.Provider.GenerateWithIdentityAsync(request);
        string token = Assert.Single(tokens);
        Assert.Equal(made.ProviderRequestId, token);

        // Another process (its own client) collects it from the token alone.
        using var other = new ReplicateClient(ReplicateTestbed.OptionsFor(bed.Emulator));
        GenerationResult resumed = await new ReplicateProvider(other).ResumeGenerationAsync(token, request.Shot);
        AssertSameAnswer(made, resumed);
        Assert.Equal(version.Split(':')[^1], resumed.Metadata["replicate.version"]);
        Assert.Equal(1, bed.Emulator.Submissions("prediction"));
    }

    [Fact]
    public async Task A_status_read_that_fails_is_retriable_and_a_failed_or_unknown_prediction_is_replicates_verdict()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(
            e => e.FailWith = (kind, input) => input.GetProperty("seed").GetInt64() == 9 ? "CUDA out of memory" : null,
            c => (c.NotFoundGrace, c.Http) = (TimeSpan.FromMilliseconds(200), c.Http with { Retry = new RetryOptions { MaxRetries = 0 } }));
        string version = bed.TrainedVersion();
        string? token = null;
        TrainedGenerationRequest request = ReplicateTestbed.Shot(version) with { Submitted = t => { token = t; return Task.CompletedTask; } };

        // The status read answers 503, then drops the connection: no word on the prediction, which Replicate runs on.
        foreach (ReplicateFault fault in new[] { ReplicateFault.ServiceUnavailable503, ReplicateFault.DropConnection })
        {
            bed.Emulator.Faults.Inject(fault, 1, "GET", "predictions/");
            ReplicateException passing = await Assert.ThrowsAsync<ReplicateException>(() => token is null
                ? bed.Provider.GenerateWithIdentityAsync(request)
                : bed.Provider.ResumeGenerationAsync(token, request.Shot));
            Assert.True(passing.Retriable, passing.Message);
            Assert.NotNull(token);
        }

        GenerationResult collected = await bed.Provider.ResumeGenerationAsync(token!, request.Shot);
        Assert.Equal(token, collected.ProviderRequestId);
        Assert.Equal(1, bed.Emulator.Submissions("prediction"));

        // Replicate's own word: a prediction that failed, and (past the grace) one it does not know.
        string? failed = null;
        await Assert.ThrowsAsync<ReplicateException>(() => bed.Provider.GenerateWithIdentityAsync(
            ReplicateTestbed.Shot(version) with { Shot = request.Shot with { Seed = 9 }, Submitted = t => { failed = t; return Task.CompletedTask; } }));
        ReplicateException verdict = await Assert.ThrowsAsync<ReplicateException>(() => bed.Provider.ResumeGenerationAsync(failed!, request.Shot));
        Assert.False(verdict.Retriable || verdict.OutcomeUnknown, verdict.Message);
        Assert.Contains("CUDA out of memory", verdict.Message, StringComparison.Ordinal);
        ReplicateException unknown = await Assert.ThrowsAsync<ReplicateException>(() => bed.Provider.ResumeGenerationAsync("q0000000000000000000000000", request.Shot));
        Assert.Equal((404, false, false), (unknown.Status, unknown.Retriable, unknown.OutcomeUnknown));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fal-ai/flux-lora#abc")]
    [InlineData("has space")]
    [InlineData("abc/def")]
    public async Task A_malformed_token_is_refused_before_anything_is_asked(string token)
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.ResumeGenerationAsync(token, ReplicateTestbed.Shot("v").Shot));
        Assert.Empty(bed.Emulator.Jobs);
    }

    /// <summary>The same images (bytes and types), cost, request id and metadata.</summary>
    internal static void AssertSameAnswer(GenerationResult made, GenerationResult resumed)
    {
        Assert.Equal(made.Images.Select(i => (Convert.ToHexString(i.Bytes.Span), i.ContentType, i.Width, i.Height)), resumed.Images.Select(i => (Convert.ToHexString(i.Bytes.Span), i.ContentType, i.Width, i.Height)));
        Assert.Equal((made.CostUsd, made.ProviderRequestId, made.Simulated, made.Moderated), (resumed.CostUsd, resumed.ProviderRequestId, resumed.Simulated, resumed.Moderated));
        Assert.Equal(made.Metadata.OrderBy(m => m.Key), resumed.Metadata.OrderBy(m => m.Key));
    }
}
