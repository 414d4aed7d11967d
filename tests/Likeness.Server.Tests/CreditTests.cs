using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Server.Credits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>Credits set by admins and spent by artists, the alerts they raise (and their signed, retried webhook), the audit log.</summary>
public sealed class CreditTests
{
    private const string Secret = "a-webhook-secret-of-some-length";

    [Fact]
    public async Task An_artists_credits_refuse_the_call_they_cannot_cover_and_the_alerts_and_audit_say_so()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await server.ProjectAsync("Credits");
        var (character, _, _) = await ResourceTests.SeedAsync(server, project.Id, "Obama");
        Caller artist = await server.CallerAsync("artist", project.Id, ProjectRole.Artist);
        Caller viewer = await server.CallerAsync("viewer", project.Id, ProjectRole.Viewer);
        string api = $"/api/projects/{project.Id}";
        decimal price = await PriceAsync(owner, api);

        // Admins set credits; a viewer cannot, a bad period is named, a non-member is not found.
        Uri artistCredits = new($"{api}/members/{artist.User.Id}/credits", UriKind.Relative);
        await ProblemOf(await viewer.Client.PutAsJsonAsync(artistCredits, new { allowanceUsd = 1m }), HttpStatusCode.Forbidden);
        Assert.Equal("period", (await ProblemOf(await owner.Client.PutAsJsonAsync(artistCredits, new { allowanceUsd = 1m, period = "year" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await owner.Client.PutAsJsonAsync(new Uri($"{api}/members/{Guid.NewGuid()}/credits", UriKind.Relative), new { allowanceUsd = 1m }), HttpStatusCode.NotFound);
        JsonElement set = await (await owner.Client.PutAsJsonAsync(artistCredits, new { allowanceUsd = price * 2, period = "week" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("week", price * 2), (set.GetProperty("period").GetString(), set.GetProperty("remainingUsd").GetDecimal()));

        Uri shots = new($"{api}/characters/{character.Id}/shots", UriKind.Relative);
        for (int seed = 1; seed <= 2; seed++)
        {
            await AssertStatus(HttpStatusCode.Created, await artist.Client.PostAsJsonAsync(shots, new { provider = "sim-instant", prompt = "on a beach", seed, useCache = false }));
        }

        JsonElement refused = await ProblemOf(await artist.Client.PostAsJsonAsync(shots, new { provider = "sim-instant", prompt = "on a beach", seed = 3, useCache = false }), HttpStatusCode.PaymentRequired);
        Assert.Equal(("https://likeness.dev/problems/insufficient-credits", price, 0m),
            (refused.GetProperty("type").GetString(), refused.GetProperty("requested_usd").GetDecimal(), refused.GetProperty("available_usd").GetDecimal()));
        JsonElement mine = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/credits/me", UriKind.Relative));
        Assert.Equal((price * 2, 0m, 0m, 2), (mine.GetProperty("usedUsd").GetDecimal(), mine.GetProperty("reservedUsd").GetDecimal(), mine.GetProperty("remainingUsd").GetDecimal(), mine.GetProperty("generationsToday").GetInt32()));
        await ProblemOf(await artist.Client.GetAsync(new Uri($"{api}/credits", UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.Contains((await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/credits", UriKind.Relative))).EnumerateArray(), c => c.GetProperty("userId").GetGuid() == artist.User.Id);

        // 50 % at the first shot, 80 and 100 % at the second: once each, listed to viewers.
        JsonElement alerts = await viewer.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/alerts", UriKind.Relative));
        Assert.Equal([100, 80, 50], alerts.EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "credits").Select(a => a.GetProperty("thresholdPercent").GetInt32()).Order().Reverse());

        // The audit log, for admins only: the credits set by the owner, each paid call with who paid.
        await ProblemOf(await artist.Client.GetAsync(new Uri($"{api}/audit", UriKind.Relative)), HttpStatusCode.Forbidden);
        await AssertStatus(HttpStatusCode.Created, await owner.Client.PostAsJsonAsync(new Uri($"{api}/members", UriKind.Relative), new { userName = (await server.CallerAsync("newcomer")).User.Name, role = "viewer" }));
        JsonElement[] audit = [.. (await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/audit", UriKind.Relative))).EnumerateArray()];
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "credits-set" && a.GetProperty("actorUserId").GetGuid() == owner.User.Id && a.GetProperty("amountUsd").GetDecimal() == price * 2);
        Assert.Equal(2, audit.Count(a => a.GetProperty("action").GetString() == "paid-call-charged" && a.GetProperty("actorUserId").ValueKind == JsonValueKind.String && a.GetProperty("actorUserId").GetGuid() == artist.User.Id));
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "member-added" && a.GetProperty("detail").GetString() == "newcomer as viewer");
    }

    [Fact]
    public async Task An_alert_is_delivered_signed_to_the_webhook_and_a_failed_delivery_is_retried_not_lost()
    {
        // The receiver refuses the first delivery, then takes them, checking each signature.
        var deliveries = new List<(bool Valid, string Body)>();
        var delivered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        WebApplicationBuilder receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        receiverBuilder.Logging.ClearProviders();
        await using WebApplication receiver = receiverBuilder.Build();
        receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            bool valid = long.TryParse(request.Headers[AlertSignature.TimestampHeader], out long timestamp)
                && AlertSignature.Verify(Secret, timestamp, body.ToArray(), request.Headers[AlertSignature.SignatureHeader].ToString());
            lock (deliveries)
            {
                deliveries.Add((valid, System.Text.Encoding.UTF8.GetString(body.ToArray())));
                if (deliveries.Count == 1)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
            }

            delivered.TrySetResult(System.Text.Encoding.UTF8.GetString(body.ToArray()));
            return Results.Ok();
        });
        await receiver.StartAsync();
        string hook = receiver.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/hook";

        await using ServerHost server = await ServerHost.StartAsync(null, [
            "--Likeness:Alerts:WebhookUrl", hook, "--Likeness:Alerts:WebhookSecret", Secret, "--Likeness:Alerts:Thresholds:0", "100",
            "--Likeness:Alerts:DeliveryInterval", "00:00:00.1", "--Likeness:Alerts:RetryBase", "00:00:00.1"]);
        var (project, owner) = await server.ProjectAsync("Alerts");
        var (character, _, _) = await ResourceTests.SeedAsync(server, project.Id, "Obama");
        string api = $"/api/projects/{project.Id}";
        decimal price = await PriceAsync(owner, api);
        decimal spent = (await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/costs", UriKind.Relative))).GetProperty("committedUsd").GetDecimal();
        await AssertStatus(HttpStatusCode.OK, await owner.Client.PutAsJsonAsync(new Uri($"{api}/budget", UriKind.Relative), new { budgetUsd = spent + price }));
        await AssertStatus(HttpStatusCode.Created, await owner.Client.PostAsJsonAsync(
            new Uri($"{api}/characters/{character.Id}/shots", UriKind.Relative), new { provider = "sim-instant", prompt = "on a beach", seed = 2, useCache = false }));

        JsonElement body = JsonDocument.Parse(await delivered.Task.WaitAsync(TimeSpan.FromMinutes(1))).RootElement;
        Assert.Equal(("budget", 100, project.Id), (body.GetProperty("kind").GetString(), body.GetProperty("thresholdPercent").GetInt32(), body.GetProperty("projectId").GetGuid()));
        lock (deliveries)
        {
            Assert.All(deliveries, d => Assert.True(d.Valid));
            Assert.Equal(deliveries[0].Body, deliveries[^1].Body);
        }

        // The refused attempt and the delivery are both on the record: the scheduler is shut down once its running
        // delivery has finished recording, then the alert is read.
        await (await server.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Shutdown(waitForJobsToComplete: true);
        JsonElement alert = (await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/alerts", UriKind.Relative))).EnumerateArray().Single();
        Assert.NotEqual(JsonValueKind.Null, alert.GetProperty("deliveredAt").ValueKind);
        Assert.Equal((2, JsonValueKind.Null), (alert.GetProperty("attempts").GetInt32(), alert.GetProperty("lastError").ValueKind));
    }

    private static async Task<decimal> PriceAsync(Caller owner, string api) =>
        (await (await owner.Client.PostAsJsonAsync(new Uri($"{api}/costs/estimate", UriKind.Relative),
            new { character = "Obama", provider = "sim-instant", prompt = "on a beach" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("estimateUsd").GetDecimal();
}
