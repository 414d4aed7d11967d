using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using static Likeness.Server.Tests.AuthTests;
using static Likeness.Server.Tests.StudyJobTests;

namespace Likeness.Server.Tests;

/// <summary><c>POST …/studies/estimate</c>: the most a study file would cost, priced before it is started, with nothing queued.</summary>
public sealed class StudyEstimateTests
{
    [Fact]
    public async Task A_study_is_priced_per_provider_with_its_trainings_and_gate_caps_and_nothing_is_queued()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        Uri estimate = new($"/api/projects/{project}/studies/estimate", UriKind.Relative);
        const string Study = "name: Priced\ncharacters: [Ada]\nproviders: [sim-instant, sim-lora]\nscenarios: [close-up-portrait, profile]\nvariations: 3\nmegapixels: 0.1";

        using HttpResponseMessage answered = await artist.Client.PostAsync(estimate, Yaml(Study));
        await AssertStatus(HttpStatusCode.OK, answered);
        JsonElement priced = await answered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Priced", 12), (priced.GetProperty("name").GetString(), priced.GetProperty("shots").GetInt32()));
        Assert.Equal(["Ada"], priced.GetProperty("characters").EnumerateArray().Select(c => c.GetString()));
        JsonElement[] providers = [.. priced.GetProperty("providers").EnumerateArray()];
        Assert.Equal([("sim-instant", "reference", 6), ("sim-lora", "trained", 6)],
            providers.Select(p => (p.GetProperty("provider").GetString(), p.GetProperty("approach").GetString(), p.GetProperty("shots").GetInt32())));
        // Ada has no identity yet: the trained entry pays one training, the reference entry none.
        Assert.Equal(0m, providers[0].GetProperty("trainingUsd").GetDecimal());
        Assert.True(providers[1].GetProperty("trainingUsd").GetDecimal() > 0);
        Assert.All(providers, p => Assert.True(p.GetProperty("imagesUsd").GetDecimal() > 0));
        Assert.All(providers, p => Assert.Equal(p.GetProperty("imagesUsd").GetDecimal() + p.GetProperty("trainingUsd").GetDecimal(), p.GetProperty("totalUsd").GetDecimal()));
        Assert.Equal(providers.Sum(p => p.GetProperty("totalUsd").GetDecimal()), priced.GetProperty("estimateUsd").GetDecimal());
        Assert.True(priced.GetProperty("withinBudget").GetBoolean());

        // A gate's attempts are capped by its max_cost per cell: five attempts at $0.04 would be $0.20, the cap is $0.01, two cells.
        JsonElement gated = await (await artist.Client.PostAsync(estimate,
            Yaml("name: Gated\ncharacters: [Ada]\nproviders: [sim-reference]\nscenarios: [close-up-portrait, profile]\ngate: {keep: 1, max_attempts: 5, max_cost: 0.01}"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((10, 0.02m), (gated.GetProperty("shots").GetInt32(), gated.GetProperty("providers")[0].GetProperty("imagesUsd").GetDecimal()));

        // Bad files are the same 400s as a start's; a viewer may not price what they may not start; nothing was queued.
        Assert.Equal("characters[0]", (await ProblemOf(await artist.Client.PostAsync(estimate, Yaml("name: S\ncharacters: [Bea]\nproviders: [sim-instant]")), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await viewer.Client.PostAsync(estimate, Yaml(Study)), HttpStatusCode.Forbidden);
        Assert.Empty((await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/studies", UriKind.Relative)))!);
        viewer.Client.Dispose();
        artist.Client.Dispose();
    }
}
