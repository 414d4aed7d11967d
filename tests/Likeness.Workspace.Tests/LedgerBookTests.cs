using Likeness.Testing;
using Likeness.Core;
using Likeness.Core.Costs;
using Likeness.Core.Projects;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests;

public sealed class LedgerBookTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Workspaces_racing_for_one_budget_never_overspend_it(DatabaseKind kind)
    {
        using var folder = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(kind, folder);
        var options = new WorkspaceOptions { Home = folder.Path, Database = kind, ConnectionString = database.ConnectionString };
        LikenessWorkspace[] workspaces = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LikenessWorkspace.OpenAsync(options)));
        LikenessWorkspace first = workspaces[0];
        Guid projectId;
        await using (LikenessDbContext db = first.OpenDb())
        {
            Project project = await db.Projects.SingleAsync(p => p.Name == Project.DefaultName);
            project.SetBudget(1.00m);
            await db.SaveChangesAsync();
            projectId = project.Id;
        }

        // Eight ledgers with separate in-process locks (as eight processes would have) reserve $0.02 sixty times at once.
        var attempts = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            try
            {
                await workspaces[i % workspaces.Length].Ledger.ReserveAsync(projectId, 0.02m, null, $"shot {i}");
                return true;
            }
            catch (InsufficientBudgetException)
            {
                return false;
            }
        }));
        bool[] results = await Task.WhenAll(attempts);
        Array.ForEach(workspaces, w => w.Dispose());
        Assert.Equal(50, results.Count(r => r));
        using LikenessWorkspace reader = await LikenessWorkspace.OpenAsync(options);
        CostLedger ledger = await reader.Ledger.ReadAsync(projectId);
        Assert.Equal(1.00m, ledger.ReservedUsd);
        Assert.Equal(0m, ledger.AvailableUsd);
    }
}
