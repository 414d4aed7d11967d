using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Costs;
using Likeness.Core.Projects;
using Likeness.Workspace;
using Likeness.Workspace.Persistence;

namespace Likeness.Cli.Commands.Bench;

/// <summary>
/// <c>likeness bench ledger [--entries N] [--postgres CONNECTION]</c>: writes N ledger lines (reserve and commit
/// pairs, each its own transaction with the running balance) into a throwaway project and prints the time per
/// line of the first and the last thousand. With a running balance they stay flat; a replaying ledger grows
/// linearly. SQLite runs in a temporary folder; PostgreSQL gets a new project in the database named.
/// </summary>
internal static class BenchLedgerCommand
{
    private const int Window = 1000;

    public static Command Create()
    {
        var entries = new Option<int>("--entries") { Description = "Ledger lines to write (even, at least 2000).", DefaultValueFactory = _ => 100_000 };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string to bench on instead of a temporary SQLite file." };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var command = new Command("ledger", "Time ledger writes: the first and the last thousand of N lines.") { entries, postgres, json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            int n = parse.GetValue(entries);
            if (n < 2 * Window || n % 2 != 0)
            {
                throw new CliUsageException($"--entries must be even and at least {2 * Window}.");
            }

            string home = Path.Combine(Path.GetTempPath(), "likeness-bench-ledger-" + Guid.NewGuid().ToString("N"));
            string? connection = parse.GetValue(postgres);
            var options = new WorkspaceOptions { Home = home, Database = connection is null ? DatabaseKind.Sqlite : DatabaseKind.Postgres, ConnectionString = connection };
            try
            {
                using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(options, cancellationToken: ct).ConfigureAwait(false);
                Guid projectId;
                await using (LikenessDbContext db = workspace.OpenDb())
                {
                    Project project = Project.Create($"bench-ledger-{Guid.NewGuid():N}", null, workspace.Time);
                    db.Projects.Add(project);
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    projectId = project.Id;
                }

                var perLine = new double[n];
                for (int i = 0; i < n; i += 2)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    LedgerEntry reservation = await workspace.Ledger.ReserveAsync(projectId, 0.01m, null, "bench", ct).ConfigureAwait(false);
                    long t1 = Stopwatch.GetTimestamp();
                    await workspace.Ledger.CommitAsync(projectId, reservation.ReservationId, 0.01m, ct).ConfigureAwait(false);
                    long t2 = Stopwatch.GetTimestamp();
                    perLine[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                    perLine[i + 1] = Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
                }

                double first = perLine.Take(Window).Average();
                double last = perLine.Skip(n - Window).Average();
                TextWriter o = parse.InvocationConfiguration.Output;
                await o.WriteLineAsync(parse.GetValue(json)
                    ? CliJson.Serialize(new { database = options.Database.ToString().ToLowerInvariant(), entries = n, first_1000_ms_per_entry = first, last_1000_ms_per_entry = last })
                    : string.Create(CultureInfo.InvariantCulture, $"{n} ledger lines on {options.Database.ToString().ToLowerInvariant()}: first {Window} {first:F3} ms/line, last {Window} {last:F3} ms/line ({last / first:F2}x)")).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            finally
            {
                if (Directory.Exists(home))
                {
                    Directory.Delete(home, recursive: true);
                }
            }
        });
        return command;
    }
}
