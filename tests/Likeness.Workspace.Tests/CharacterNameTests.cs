using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests;

/// <summary>One name, one character: case, spacing and Unicode form do not make a second one, and lookups never guess.</summary>
public sealed class CharacterNameTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_second_spelling_of_a_name_is_refused_and_finds_the_first(DatabaseKind kind)
    {
        await using var home = await Home.OpenAsync(kind);
        Character mira = await home.Workspace.Characters.CreateAsync("Mira Okafor", null, null);

        foreach (string other in new[] { "MIRA OKAFOR", "mira  okafor", "\uFF2Dira Okafor" })
        {
            ConflictException refused = await Assert.ThrowsAsync<ConflictException>(() => home.Workspace.Characters.CreateAsync(other, null, null));
            Assert.Contains("'Mira Okafor' already exists", refused.Message, StringComparison.Ordinal);
            Assert.Equal(mira.Id, (await home.Workspace.Characters.GetAsync(other)).Id);
        }

        Assert.Single(await home.Workspace.Characters.ListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Two_spellings_created_at_once_make_one_character(DatabaseKind kind)
    {
        await using var home = await Home.OpenAsync(kind);
        using LikenessWorkspace second = await LikenessWorkspace.OpenAsync(home.Options);
        Task<Character>[] both = [home.Workspace.Characters.CreateAsync("Mira Okafor", null, null), second.Characters.CreateAsync("MIRA OKAFOR", null, null)];
        Exception? failure = await Record.ExceptionAsync(() => Task.WhenAll(both));

        Assert.IsType<ConflictException>(failure);
        Assert.Equal(1, both.Count(t => t.IsCompletedSuccessfully));
        Assert.Single(await home.Workspace.Characters.ListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Names_that_collide_from_before_the_key_are_found_by_exact_spelling_and_otherwise_called_ambiguous(DatabaseKind kind)
    {
        await using var home = await Home.OpenAsync(kind);
        Character first = await home.Workspace.Characters.CreateAsync("Mira Okafor", null, null);
        Character second = await home.Workspace.Characters.CreateAsync("Mira Okafor two", null, null);
        await using (LikenessDbContext db = new LikenessDbContextFactory(kind, home.Options.ConnectionString!).CreateDbContext())
        {
            // As a database made before names had keys: no key, and a name that now collides.
            await db.Characters.Where(c => c.Id == second.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Name, "MIRA OKAFOR").SetProperty(c => c.NameKey, (string?)null));
            await db.Characters.Where(c => c.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.NameKey, (string?)null));
        }

        Assert.Equal(first.Id, (await home.Workspace.Characters.GetAsync("Mira Okafor")).Id);
        Assert.Equal(second.Id, (await home.Workspace.Characters.GetAsync("MIRA OKAFOR")).Id);
        Assert.Equal(second.Id, (await home.Workspace.Characters.GetAsync(second.Id.ToString())).Id);
        ConflictException ambiguous = await Assert.ThrowsAsync<ConflictException>(() => home.Workspace.Characters.GetAsync("mira okafor"));
        Assert.Contains("matches 2 characters", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains(first.Id.ToString(), ambiguous.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => home.Workspace.Characters.CreateAsync("mira OKAFOR", null, null));
    }

    private sealed class Home : IAsyncDisposable
    {
        private readonly TempFolder _folder;
        private readonly TestDatabase _database;

        private Home(TempFolder folder, TestDatabase database, WorkspaceOptions options, LikenessWorkspace workspace)
        {
            _folder = folder;
            _database = database;
            Options = options;
            Workspace = workspace;
        }

        public WorkspaceOptions Options { get; }

        public LikenessWorkspace Workspace { get; }

        public static async Task<Home> OpenAsync(DatabaseKind kind)
        {
            var folder = new TempFolder();
            TestDatabase database = await TestDatabases.CreateAsync(kind, folder);
            var options = new WorkspaceOptions { Home = folder.Path, Database = kind, ConnectionString = database.ConnectionString };
            return new Home(folder, database, options, await LikenessWorkspace.OpenAsync(options));
        }

        public async ValueTask DisposeAsync()
        {
            Workspace.Dispose();
            await _database.DisposeAsync();
            _folder.Dispose();
        }
    }
}
