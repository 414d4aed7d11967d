using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Characters;
using Likeness.Core.Costs;
using Likeness.Core.Gates;
using Likeness.Core.Providers;
using Likeness.Providers.Sim;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Projects;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Server.Tests;

/// <summary>
/// A training job with a retrain budget, on a sim trainer whose fidelity answers its parameters: below the threshold it
/// climbs the retrain ladder by itself, one attempt after another through the same poll-at-a-time steps, each paid within
/// the budget; a budget that cannot pay for the next attempt stops before it; without a budget nothing is retrained; and a
/// server stopped mid-attempt resumes it on restart without submitting it again.
/// </summary>
public sealed class RetrainJobTests
{
    private const string Trainer = "sim-ladder";

    /// <summary>One validation set: the five standard scenarios × three seeds (the job's default) at $0.01 a shot.</summary>
    private const decimal SetPrice = 15 * 0.01m;

    /// <summary>A $1 training and its validation set: what each attempt is admitted at.</summary>
    private const decimal AttemptPrice = 1m + SetPrice;

    /// <summary>
    /// The validation's bar for these tests: a sim shot that keeps the character is still rejected now and then (a
    /// near-copy of a reference, or a face judged just over the threshold; 14 of 15 kept at fidelity 1 in one run), so at
    /// the default 90 % the outcome would hang on the draw.
    /// </summary>
    private const double MinPassRate = 0.6;

    /// <summary>
    /// Fidelity 0 at the trainer's defaults; doubled steps add 0.2, a doubled rank 0.8. So v1 (the first training) and v2
    /// (more steps, 0.2) are below the threshold, and v3 (more steps and a higher rank, 1.0) is the first to pass.
    /// </summary>
    private static readonly SimProfile Ladder = new()
    {
        Name = Trainer,
        DisplayName = "Simulated trainer whose fidelity answers its parameters",
        Fidelity = 0.0,
        MedianLatencyMs = 5000,
        Capabilities = ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration,
        PricePerImageUsd = 0.01m,
        TrainingPriceUsd = 1m,
        TrainingResponse = new SimTrainingResponse { PerDoubledSteps = 0.2, PerDoubledRank = 0.8 },
    };

    // The face-api demo photos as distractors (20 faces of other people): a usable calibration, so versions are judged.
    private static readonly string[] Settings =
    [
        "--Likeness:Jobs:PollInterval", "00:00:00.100",
        "--Likeness:SimTrainingDuration", "00:00:01",
        "--Likeness:DistractorsPath", Path.Combine(RepoPaths.Root, "tests", "data", "faceapi", "inputs"),
    ];

    private static readonly TimeSpan Within = TimeSpan.FromMinutes(5);

    private static Task<ServerHost> ServerAsync(string? home = null, string[]? settings = null) =>
        ServerHost.StartAsync(home, settings ?? Settings, (WebApplicationBuilder builder) => builder.Services.AddSim([Ladder]));

    [Fact]
    public async Task Below_the_threshold_with_a_budget_the_job_retrains_to_a_validated_version_paying_exactly_two_attempts()
    {
        await using ServerHost server = await ServerAsync();
        var (project, artist) = await CastAsync(server);

        Guid id = await StartAsync(artist.Client, project, new { character = "Ada", provider = Trainer, retrainBudgetUsd = 3.00m, minPassRate = MinPassRate });
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, id, within: Within))[^1].Data;

        // v1 below, attempt 1 (more steps) below, attempt 2 (higher rank) validated: the job made three versions and stopped there.
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        JsonElement[] versions = await VersionsAsync(artist.Client, project);
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(versions.Select(v => v.GetProperty("id").GetGuid()), last.GetProperty("resultIds").EnumerateArray().Select(r => r.GetGuid()));
        Assert.Equal(["below-threshold", "below-threshold", "validated"], versions.Select(Outcome));
        Assert.Equal((JsonValueKind.Null, "more steps", "higher rank"), (versions[0].GetProperty("parentId").ValueKind, Change(versions[1]), Change(versions[2])));
        Assert.Equal([false, false, true], versions.Select(v => v.GetProperty("inUse").GetBoolean()));
        Assert.Equal(
            "ready: sim-ladder v3; " + versions[2].GetProperty("validation").GetProperty("summary").GetString()
            + "; retrain attempt 2 (higher rank) validated; $2.30 of the $3.00 retrain budget spent; v3 in use",
            last.GetProperty("message").GetString());
        Assert.Equal(3m, last.GetProperty("costUsd").GetDecimal());

        // Money: the first training and its validation, then two attempts of a training and a validation set each, all
        // paid once; the retrain's cap spent exactly its two attempts and holds nothing.
        await AssertMoneyAsync(server, project, id, attempts: 2, retrainSpent: 2 * AttemptPrice);
    }

    [Fact]
    public async Task A_budget_too_small_for_the_next_attempt_stops_before_it_and_says_so()
    {
        await using ServerHost server = await ServerAsync();
        var (project, artist) = await CastAsync(server);

        // $1.50 pays for one attempt ($1.15); the second would need $1.15 more with $0.35 left.
        Guid id = await StartAsync(artist.Client, project, new { character = "Ada", provider = Trainer, retrainBudgetUsd = 1.50m, minPassRate = MinPassRate });
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, id, within: Within))[^1].Data;

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        JsonElement[] versions = await VersionsAsync(artist.Client, project);
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(["below-threshold", "below-threshold"], versions.Select(Outcome));
        int inUse = Assert.Single(versions, v => v.GetProperty("inUse").GetBoolean()).GetProperty("version").GetInt32();
        Assert.EndsWith(
            $"; retrain stopped before attempt 2 (higher rank): it is estimated at $1.15 and $0.35 of the $1.50 budget is left; $1.15 of the $1.50 retrain budget spent; v{inUse} in use",
            last.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertMoneyAsync(server, project, id, attempts: 1, retrainSpent: AttemptPrice);
    }

    [Fact]
    public async Task Without_a_budget_a_version_below_the_threshold_is_left_as_it_is_and_bad_retrain_fields_are_400s()
    {
        await using ServerHost server = await ServerAsync();
        var (project, artist) = await CastAsync(server);
        await server.Services.GetRequiredService<ProjectBook>().SetBudgetAsync(project, 50m);
        var identities = new Uri($"/api/projects/{project}/identities", UriKind.Relative);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { character = "Ada", provider = Trainer, retrainBudgetUsd = 0m }, "retrainBudgetUsd"),
            (new { character = "Ada", provider = Trainer, retrainBudgetUsd = 51m }, "retrainBudgetUsd"),
            (new { character = "Ada", provider = "sim-instant", retrainBudgetUsd = 1m }, "retrainBudgetUsd"),
            (new { character = "Ada", provider = Trainer, maxAttempts = 2 }, "maxAttempts"),
            (new { character = "Ada", provider = Trainer, retrainBudgetUsd = 1m, maxAttempts = 11 }, "maxAttempts"),
            (new { character = "Ada", provider = Trainer, minPassRate = 1.5 }, "minPassRate"),
        })
        {
            using HttpResponseMessage refused = await artist.Client.PostAsJsonAsync(identities, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            JsonElement problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((field, "invalid-input"), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        }

        Guid id = await StartAsync(artist.Client, project, new { character = "Ada", provider = Trainer, minPassRate = MinPassRate });
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, id, within: Within))[^1].Data;

        // Today's behaviour: one training, validated below the threshold, and the job ends there.
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        JsonElement v1 = Assert.Single(await VersionsAsync(artist.Client, project));
        Assert.Equal(("below-threshold", v1.GetProperty("id").GetGuid()), (Outcome(v1), Assert.Single(last.GetProperty("resultIds").EnumerateArray()).GetGuid()));
        Assert.DoesNotContain("retrain", last.GetProperty("message").GetString(), StringComparison.Ordinal);
        CostLedger ledger = await server.Services.GetRequiredService<LedgerBook>().ReadAsync(project);
        Assert.Equal((AttemptPrice, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
    }

    [Fact]
    public async Task A_server_stopped_mid_attempt_resumes_it_on_restart_without_submitting_it_again()
    {
        using var home = new TempFolder();
        // Trainings slow enough to stop the server while the first attempt is at the provider.
        string[] slow = [.. Settings.Where((_, i) => i is not (2 or 3)), "--Likeness:SimTrainingDuration", "00:00:04"];
        Guid id, project;
        string secret;
        await using (ServerHost first = await ServerAsync(home.Path, slow))
        {
            (project, Caller artist) = await CastAsync(first);
            secret = artist.Secret;
            id = await StartAsync(artist.Client, project, new { character = "Ada", provider = Trainer, retrainBudgetUsd = 3.00m, minPassRate = MinPassRate });
            JsonElement training = (await JobClient.FollowAsync(artist.Client, project, id, within: Within, until: AttemptTraining))[^1].Data;
            Assert.True(AttemptTraining(training), training.ToString());
        }

        await using ServerHost second = await ServerAsync(home.Path, slow);
        using HttpClient again = second.WithToken(secret);
        JsonElement last = (await JobClient.FollowAsync(again, project, id, within: Within))[^1].Data;

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal([1, 2, 3], (await VersionsAsync(again, project)).Select(v => v.GetProperty("version").GetInt32()));
        // Three trainings submitted to the sim in all (one file each in its state folder), each charged once.
        Assert.Equal(3, Directory.GetFiles(Path.Combine(home.Path, "sim", "jobs"), "*.json").Length);
        await AssertMoneyAsync(second, project, id, attempts: 2, retrainSpent: 2 * AttemptPrice);
    }

    /// <summary>The job follows the first retrain attempt's training at the provider.</summary>
    private static bool AttemptTraining(JsonElement job) =>
        job.GetProperty("status").GetString() == "running"
        && job.GetProperty("message").GetString() is { } m && m.StartsWith("retrain attempt 1 of at most 4 (more steps; v1 kept ", StringComparison.Ordinal);

    /// <summary>
    /// A project with Ada (four photos of one man) and Joe (the demo cast's other man): the sim shows Joe when it does not keep Ada,
    /// and the gate rejects him.
    /// </summary>
    private static async Task<(Guid Project, Caller Artist)> CastAsync(ServerHost server)
    {
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        CharacterCatalog characters = server.Services.GetRequiredService<CharacterCatalog>();
        Character joe = await characters.CreateAsync(project, "Joe", "another test subject", null);
        CastMember biden = DemoCast.Load(Path.Combine(RepoPaths.Root, "samples", "cast")).Characters.Single(c => c.Name == "Joe Biden");
        var (report, _) = await characters.AddReferencesAsync(joe, biden.References);
        Assert.True(report.Passed, string.Join("; ", report.Errors.Select(e => e.Message)));
        return (project, artist);
    }

    private static async Task<Guid> StartAsync(HttpClient client, Guid project, object body)
    {
        using HttpResponseMessage accepted = await client.PostAsJsonAsync(new Uri($"/api/projects/{project}/identities", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Ada's versions at the trainer, oldest first.</summary>
    private static async Task<JsonElement[]> VersionsAsync(HttpClient client, Guid project) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Ada/identities", UriKind.Relative)))!
            .Where(v => v.GetProperty("provider").GetString() == Trainer)
            .OrderBy(v => v.GetProperty("version").GetInt32())];

    private static string Outcome(JsonElement version) => version.GetProperty("validation").GetProperty("outcome").GetString() ?? "";

    /// <summary>The retrain ladder's change a version was trained with; "" for a first training.</summary>
    private static string Change(JsonElement version) =>
        version.GetProperty("trainingParameters").TryGetProperty("retrain", out JsonElement c) ? c.GetString() ?? "" : "";

    /// <summary>
    /// The ledger holds the first training and its validation plus <paramref name="attempts"/> attempts at their estimates,
    /// with nothing reserved; the job's retrain cap spent <paramref name="retrainSpent"/>, admitted that many attempts and holds nothing.
    /// </summary>
    private static async Task AssertMoneyAsync(ServerHost server, Guid project, Guid job, int attempts, decimal retrainSpent)
    {
        CostLedger ledger = await server.Services.GetRequiredService<LedgerBook>().ReadAsync(project);
        Assert.Equal((AttemptPrice * (1 + attempts), 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        JobRecord record = (await server.Services.GetRequiredService<JobBook>().FindAsync(job))!;
        Guid capId = JsonDocument.Parse(record.Input).RootElement.GetProperty("retrainCapId").GetGuid();
        CostCap cap = await server.Services.GetRequiredService<CostCapBook>().GetAsync(capId);
        Assert.Equal((retrainSpent, 0L, attempts), (cap.SpentUsd, cap.ReservedMicros, cap.Attempts));
    }
}
