using Likeness.Testing;
using Likeness.Workspace;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Cli.Tests.Workspace;

/// <summary>`likeness doctor` when an error (not a provider's) stops it settling one claim: a partial run, said in its exit code.</summary>
public sealed class DoctorPartialRunTests
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama3.jpg"];

    [Fact]
    public async Task A_claim_the_doctor_cannot_settle_is_reported_kept_and_makes_the_run_partial_exit_code_3()
    {
        using var home = new TempFolder();
        string[] at = ["--home", home.Path];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "create", "Ada", .. at])).ExitCode);
        var added = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(f => Path.Combine(RepoPaths.Root, "samples", "cast", f)), .. at]);
        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        Assert.Equal(0, (await CliRunner.RunAsync(["identity", "create", "-c", "Ada", "--provider", "sim-instant", .. at])).ExitCode);
        var made = await CliRunner.RunAsync(["generate", "-c", "Ada", "--provider", "sim-instant", "--prompt", "at a train station", "-n", "1", .. at]);
        Assert.True(made.ExitCode == 0, made.Output + made.Error);

        // The shot's claim is made to look left behind with a held answer that cannot be read back.
        using (LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = home.Path }))
        {
            await using LikenessDbContext db = workspace.OpenDb();
            int broken = await db.Claims.Where(c => c.Kind == ClaimKind.Shot).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, ClaimState.Answered).SetProperty(c => c.Output, "null").SetProperty(c => c.LeaseUntil, DateTimeOffset.UnixEpoch));
            Assert.Equal(1, broken);
        }

        // Each run reports it with its error, keeps it, and says the run was partial.
        for (int run = 0; run < 2; run++)
        {
            var doctor = await CliRunner.RunAsync(["doctor", "--json", .. at]);
            Assert.True(doctor.ExitCode == ExitCodes.Partial, doctor.Output + doctor.Error);
            Assert.Contains("\"complete\":false", doctor.Output, StringComparison.Ordinal);
            Assert.Contains("is empty", doctor.Output, StringComparison.Ordinal);
            Assert.Contains("1 claim(s) could not be settled because of an error", doctor.Error, StringComparison.Ordinal);
        }
    }
}
