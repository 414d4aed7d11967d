using System.Text.Json;
using Likeness.Core.References;
using Likeness.Testing;
using Likeness.Workspace;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Cli.Tests.Workspace;

/// <summary><c>likeness reference refresh</c>: the face box of a reference checked before boxes were kept, found once.</summary>
public sealed class ReferenceRefreshCommandTests
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama3.jpg"];

    [Fact]
    public async Task A_reference_without_its_box_gets_it_back_once_and_the_others_are_left_alone()
    {
        using var home = new TempFolder();
        string[] at = ["--home", home.Path];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "create", "Ada", .. at])).ExitCode);
        var added = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(f => Path.Combine(RepoPaths.Root, "samples", "cast", f)), .. at]);
        Assert.True(added.ExitCode == 0, added.Output + added.Error);

        // As a reference checked before boxes were kept: its analysis without the box.
        Guid cleared;
        ReferenceAnalysis original;
        using (LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = home.Path }))
        {
            await using LikenessDbContext db = workspace.OpenDb();
            ReferenceImage reference = (await db.References.ToListAsync()).OrderBy(r => r.AddedAt).First();
            original = reference.Analysis!;
            Assert.NotNull(original.Face);
            db.Entry(reference).Property(r => r.Analysis).CurrentValue = original with { Face = null };
            await db.SaveChangesAsync();
            cleared = reference.Id;
        }

        var refreshed = await CliRunner.RunAsync(["reference", "refresh", "-c", "Ada", "--json", .. at]);
        Assert.True(refreshed.ExitCode == 0, refreshed.Output + refreshed.Error);
        JsonElement counts = JsonDocument.Parse(refreshed.Output).RootElement;
        Assert.Equal((1, 1, 0), (counts.GetProperty("looked_at").GetInt32(), counts.GetProperty("boxed").GetInt32(), counts.GetProperty("no_face").GetInt32()));

        using (LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = home.Path }))
        {
            await using LikenessDbContext db = workspace.OpenDb();
            ReferenceAnalysis back = (await db.References.AsNoTracking().SingleAsync(r => r.Id == cleared)).Analysis!;
            Assert.NotNull(back.Face);
            Assert.Equal(original.Face!.Value.X, back.Face!.Value.X, 1.0);
            Assert.Equal(original.Face.Value.Width, back.Face.Value.Width, 1.0);
            Assert.Equal(original.Descriptor, back.Descriptor);
        }

        var again = await CliRunner.RunAsync(["reference", "refresh", .. at]);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains("0 reference(s) looked at", again.Output, StringComparison.Ordinal);
    }
}
