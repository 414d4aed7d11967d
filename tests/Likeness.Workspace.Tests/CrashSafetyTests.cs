using Likeness.Workspace.Persistence;
using Likeness.Core.References;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests;

public sealed class CrashSafetyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_batch_of_rows_that_fails_half_way_writes_no_row(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        int before = (await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id)).Count;
        await using (var db = cast.Workspace.OpenDb())
        {
            var fresh = ReferenceImage.Create(cast.Obama.Id, new string('c', 64), "new.jpg", "jpeg", 10, 10, 1, ReferenceRole.Other, 0, null, TimeProvider.System);
            var existingSha = (await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id))[0].AssetSha256;
            var clash = ReferenceImage.Create(cast.Obama.Id, existingSha, "dup.jpg", "jpeg", 10, 10, 1, ReferenceRole.Other, 0, null, TimeProvider.System);
            db.References.AddRange(fresh, clash);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, (await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id)).Count);
    }
}
