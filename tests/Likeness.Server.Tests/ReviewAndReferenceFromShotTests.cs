using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// The routes the UI's reference set and gallery use: a reference set priced before it is made, its views taken as
/// references with their provenance and pinned, and a shot accepted or rejected by hand beside the gate's verdict.
/// </summary>
public sealed class ReviewAndReferenceFromShotTests
{
    [Fact]
    public async Task A_reference_sets_views_become_references_with_their_provenance_and_a_pin()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        string path = $"/api/projects/{project}/characters/Ada";

        // The estimate prices the five views, each at its own shape.
        JsonElement estimate = await (await artist.Client.PostAsJsonAsync(new Uri($"/api/projects/{project}/costs/estimate", UriKind.Relative),
            new { character = "Ada", provider = "sim-instant", referenceSet = true })).Content.ReadFromJsonAsync<JsonElement>();
        JsonElement single = await (await artist.Client.PostAsJsonAsync(new Uri($"/api/projects/{project}/costs/estimate", UriKind.Relative),
            new { character = "Ada", provider = "sim-instant", prompt = "x", aspectRatio = "1:1" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, estimate.GetProperty("count").GetInt32());
        Assert.True(estimate.GetProperty("estimateUsd").GetDecimal() > single.GetProperty("estimateUsd").GetDecimal());

        using HttpResponseMessage accepted = await artist.Client.PostAsJsonAsync(new Uri(path + "/reference-sets", UriKind.Relative), new { provider = "sim-instant", seed = 5 });
        await AssertStatus(HttpStatusCode.Accepted, accepted);
        JsonElement job = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, job.GetProperty("id").GetGuid()))[^1].Data;
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Guid[] views = [.. last.GetProperty("resultIds").EnumerateArray().Select(e => e.GetGuid())];

        Uri fromShots = new(path + "/references/from-shots", UriKind.Relative);
        object body = new { shots = views.Take(3).Select(id => new { shot = id }) };
        await ProblemOf(await viewer.Client.PostAsJsonAsync(fromShots, body), HttpStatusCode.Forbidden);
        using HttpResponseMessage created = await artist.Client.PostAsJsonAsync(fromShots, body);
        await AssertStatus(HttpStatusCode.Created, created);
        JsonElement[] added = [.. (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").EnumerateArray()];
        Assert.Equal(["Frontal", "ThreeQuarter", "Profile"], added.Select(r => r.GetProperty("role").GetString()));
        JsonElement provenance = added[0].GetProperty("provenance");
        Assert.Equal(views[0], provenance.GetProperty("shotId").GetGuid());
        Assert.Equal(("sim-instant", "frontal", 5L), (provenance.GetProperty("provider").GetString(), provenance.GetProperty("scenario").GetString(), provenance.GetProperty("seed").GetInt64()));
        JsonElement shot = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{path}/shots/{views[0]}", UriKind.Relative));
        Assert.Equal(shot.GetProperty("identityModelId").GetGuid(), provenance.GetProperty("identityModelId").GetGuid());
        JsonElement listed = (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri(path + "/references", UriKind.Relative)))!
            .Single(r => r.GetProperty("id").GetGuid() == added[0].GetProperty("id").GetGuid());
        Assert.Equal(views[0], listed.GetProperty("provenance").GetProperty("shotId").GetGuid());
        Assert.Equal(JsonValueKind.Null, (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri(path + "/references", UriKind.Relative)))![0].GetProperty("provenance").ValueKind);

        // The same view again is the same file: refused with the finding, nothing stored.
        using HttpResponseMessage again = await artist.Client.PostAsJsonAsync(fromShots, new { shots = new[] { new { shot = views[0] } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "duplicate");

        using HttpResponseMessage pinned = await artist.Client.PostAsJsonAsync(new Uri(path + "/pins", UriKind.Relative),
            new { frontal = added[0].GetProperty("id").GetString(), references = added.Skip(1).Select(r => r.GetProperty("id").GetString()) });
        await AssertStatus(HttpStatusCode.Created, pinned);
        Assert.Equal(added[0].GetProperty("id").GetGuid(), (await pinned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("frontalReferenceId").GetGuid());

        Assert.Equal("shots", (await ProblemOf(await artist.Client.PostAsJsonAsync(fromShots, new { shots = Array.Empty<object>() }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await artist.Client.PostAsJsonAsync(fromShots, new { shots = new[] { new { shot = Guid.NewGuid() } } }), HttpStatusCode.NotFound);
        Assert.Equal("role", (await ProblemOf(await artist.Client.PostAsJsonAsync(fromShots, new { shots = new[] { new { shot = views[4], role = "sideways" } } }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        viewer.Client.Dispose();
    }

    [Fact]
    public async Task A_shot_is_accepted_or_rejected_by_hand_with_who_and_when_and_a_viewer_cannot()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        string shots = $"/api/projects/{project}/characters/Ada/shots";
        using HttpResponseMessage made = await artist.Client.PostAsJsonAsync(new Uri(shots, UriKind.Relative), new { provider = "sim-instant", prompt = "on a pier at dawn", seed = 3 });
        await AssertStatus(HttpStatusCode.Created, made);
        Guid id = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shot").GetProperty("id").GetGuid();
        Uri review = new($"{shots}/{id}/review", UriKind.Relative);

        await ProblemOf(await viewer.Client.PutAsJsonAsync(review, new { accepted = true }), HttpStatusCode.Forbidden);
        Assert.Equal("accepted", (await ProblemOf(await artist.Client.PutAsJsonAsync(review, new { }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());

        using HttpResponseMessage rejected = await artist.Client.PutAsJsonAsync(review, new { accepted = false });
        await AssertStatus(HttpStatusCode.OK, rejected);
        JsonElement shot = await viewer.Client.GetFromJsonAsync<JsonElement>(new Uri($"{shots}/{id}", UriKind.Relative));
        JsonElement recorded = shot.GetProperty("review");
        Assert.False(recorded.GetProperty("accepted").GetBoolean());
        Assert.Equal((artist.User.Id, artist.User.Name), (recorded.GetProperty("reviewerId").GetGuid(), recorded.GetProperty("reviewerName").GetString()));
        Assert.True(recorded.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        // No gate judged this shot: its automatic verdict stays empty beside the review.
        Assert.Equal(JsonValueKind.Null, shot.GetProperty("verdict").ValueKind);

        await AssertStatus(HttpStatusCode.OK, await artist.Client.PutAsJsonAsync(review, new { accepted = true }));
        Assert.True((await viewer.Client.GetFromJsonAsync<JsonElement>(new Uri($"{shots}/{id}", UriKind.Relative))).GetProperty("review").GetProperty("accepted").GetBoolean());
        await ProblemOf(await artist.Client.PutAsJsonAsync(new Uri($"{shots}/{Guid.NewGuid()}/review", UriKind.Relative), new { accepted = true }), HttpStatusCode.NotFound);
        viewer.Client.Dispose();
    }
}
