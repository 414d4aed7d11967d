using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class FaultTests
{
    private const string Endpoint = "fal-ai/kling-video/o1/reference-to-video";

    [Fact]
    public async Task Injected_gateway_errors_answer_instead_of_the_app_and_record_nothing()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = new ManualTime() });
        using var wire = new FalWire(fal.Key);
        fal.Faults.Inject(FalFault.TooManyRequests429, 2, "fal-ai/kling-video");
        fal.Faults.Inject(FalFault.BadGateway502, 1);
        fal.Faults.Inject(FalFault.UserTimeout504, 1, "fal-ai/");
        Uri submit = new(fal.QueueUri, Endpoint);

        (int status, JsonElement body, HttpResponseMessage response) = await wire.PostAsync(submit, """{"prompt":"x"}""");
        Assert.Equal(429, status);
        Assert.False(response.Headers.Contains("x-fal-request-id"));
        Assert.Equal(JsonValueKind.String, body.GetProperty("detail").ValueKind);
        (status, _, _) = await wire.PostAsync(submit, """{"prompt":"x"}""");
        Assert.Equal(429, status);
        (status, _, _) = await wire.GetAsync(fal.JwksUri);
        Assert.Equal(502, status);
        (status, _, response) = await wire.PostAsync(submit, """{"prompt":"x"}""");
        Assert.Equal(504, status);
        Assert.Equal("user", response.Headers.GetValues("X-Fal-Request-Timeout-Type").Single());
        Assert.Equal(0, fal.Submissions(Endpoint));

        (status, _, response) = await wire.PostAsync(submit, """{"prompt":"x"}""");
        Assert.Equal(200, status);
        Assert.True(response.Headers.Contains("x-fal-request-id"));
        Assert.Equal(1, fal.Submissions(Endpoint));
    }

    [Fact]
    public async Task Dropped_connections_lose_the_answer_and_process_then_drop_records_the_submission()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = new ManualTime() });
        using var wire = new FalWire(fal.Key);
        Uri submit = new(fal.QueueUri, Endpoint);

        fal.Faults.Inject(FalFault.DropConnection, 1, "storage/");
        await Assert.ThrowsAsync<HttpRequestException>(() => wire.PostAsync(new Uri(fal.RestUri, "storage/upload/initiate?storage_type=fal-cdn-v3"), "{}"));
        fal.Faults.Inject(FalFault.DropConnection, 1);
        await Assert.ThrowsAsync<HttpRequestException>(() => wire.PostAsync(submit, """{"prompt":"x"}"""));
        Assert.Equal(0, fal.Submissions(Endpoint));

        fal.Faults.Inject(FalFault.ProcessThenDrop503, 1);
        (int status, _, HttpResponseMessage response) = await wire.PostAsync(submit, """{"prompt":"x"}""");
        Assert.Equal(503, status);
        Assert.False(response.Headers.Contains("x-fal-request-id"));
        Assert.Equal(1, fal.Submissions(Endpoint));
        Assert.Equal("IN_QUEUE", fal.Requests.Single().Status);
    }
}
