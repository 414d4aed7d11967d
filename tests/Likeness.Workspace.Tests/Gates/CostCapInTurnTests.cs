using Likeness.Core.Gates;
using Likeness.Core.Projects;
using Likeness.Testing;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Gates;

/// <summary>
/// A cost cap admitted in turns (a background job's retrain budget): each attempt is admitted once by its number, also
/// when the step asking for it is repeated or runs twice at once, never past the limit, and closing it spends what the
/// attempts cost.
/// </summary>
public sealed class CostCapInTurnTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Each_attempt_is_admitted_once_by_its_number_and_never_past_the_limit(DatabaseKind kind)
    {
        using var folder = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(kind, folder);
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(
            new WorkspaceOptions { Home = folder.Path, Database = kind, ConnectionString = database.ConnectionString });
        Guid project;
        await using (LikenessDbContext db = workspace.OpenDb())
        {
            project = (await db.Projects.SingleAsync(p => p.Name == Project.DefaultName)).Id;
        }

        CostCapBook caps = workspace.Services.GetRequiredService<CostCapBook>();
        CostCap cap = await caps.CreateAsync(project, 2.50m, maxAttempts: 3);

        // Attempt 1 asked by two steps at once (a poll and a webhook): both go ahead, one admission.
        bool[] first = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => caps.TryAdmitInTurnAsync(cap.Id, 1, 0m, 1.15m))));
        Assert.Equal([true, true], first);
        Assert.Equal((1, CostCap.ToMicros(1.15m, up: true), 0m), await StateAsync(caps, cap.Id));

        // Attempt 2 with attempt 1's $1.10 spent: admitted, its reservation replacing attempt 1's; asked again, nothing changes.
        Assert.True(await caps.TryAdmitInTurnAsync(cap.Id, 2, 1.10m, 1.15m));
        Assert.True(await caps.TryAdmitInTurnAsync(cap.Id, 2, 1.10m, 1.15m));
        Assert.Equal((2, CostCap.ToMicros(1.15m, up: true), 1.10m), await StateAsync(caps, cap.Id));

        // Attempt 3 would reach $2.20 + $1.15 > $2.50: refused, nothing changed; a number out of turn is refused too.
        Assert.False(await caps.TryAdmitInTurnAsync(cap.Id, 3, 2.20m, 1.15m));
        Assert.False(await caps.TryAdmitInTurnAsync(cap.Id, 4, 2.20m, 0.01m));
        Assert.Equal((2, CostCap.ToMicros(1.15m, up: true), 1.10m), await StateAsync(caps, cap.Id));

        // Closing spends what the attempts cost and holds nothing; closing again changes nothing.
        await caps.CloseInTurnAsync(cap.Id, 2.20m);
        CostCap closed = await caps.CloseInTurnAsync(cap.Id, 2.20m);
        Assert.Equal((2, 0L, 2.20m), (closed.Attempts, closed.ReservedMicros, closed.SpentUsd));
    }

    private static async Task<(int Attempts, long ReservedMicros, decimal SpentUsd)> StateAsync(CostCapBook caps, Guid id)
    {
        CostCap cap = await caps.GetAsync(id);
        return (cap.Attempts, cap.ReservedMicros, cap.SpentUsd);
    }
}
