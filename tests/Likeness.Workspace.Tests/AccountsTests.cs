using Likeness.Core;
using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Likeness.Testing;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests;

/// <summary>Users with hashed passwords, tokens stored as hashes, projects whose members have roles, the first owner.</summary>
public sealed class AccountsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_password_is_stored_hashed_and_only_the_right_one_signs_in(DatabaseKind kind)
    {
        await using var home = await Home.OpenAsync(kind);
        UserBook users = home.Get<UserBook>();
        User ada = await users.CreateAsync("Ada", "correct horse battery", isAdministrator: false);

        Assert.Equal(ada.Id, (await users.VerifyPasswordAsync("ADA", "correct horse battery"))?.Id);
        Assert.Null(await users.VerifyPasswordAsync("ada", "correct horse batterY"));
        Assert.Null(await users.VerifyPasswordAsync("nobody", "correct horse battery"));
        await using LikenessDbContext db = home.Workspace.OpenDb();
        string stored = (await db.Users.SingleAsync()).PasswordHash!;
        Assert.DoesNotContain("correct horse", stored, StringComparison.Ordinal);
        Assert.Equal("password", (await Assert.ThrowsAsync<InvalidInputException>(() => users.CreateAsync("bob", "short", false))).Field);
        Assert.Equal(EntityKind.User, (await Assert.ThrowsAsync<ConflictException>(() => users.CreateAsync("ADA", null, false))).Entity);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_token_works_until_revoked_and_only_its_hash_is_stored(DatabaseKind kind)
    {
        await using var home = await Home.OpenAsync(kind);
        User ada = await home.Get<UserBook>().CreateAsync("ada", null, false);
        User bob = await home.Get<UserBook>().CreateAsync("bob", null, false);
        TokenBook tokens = home.Get<TokenBook>();
        IssuedToken issued = await tokens.IssueAsync(ada.Id, "ci");

        Assert.StartsWith("lk_", issued.Secret, StringComparison.Ordinal);
        Assert.Equal(46, issued.Secret.Length);
        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
        TokenCaller? caller = await tokens.AuthenticateAsync(issued.Secret);
        Assert.Equal((ada.Id, issued.Token.Id), (caller?.User.Id, caller?.TokenId));
        Assert.Null(await tokens.AuthenticateAsync(issued.Secret[..^1] + (issued.Secret[^1] == 'A' ? 'B' : 'A')));
        await using (LikenessDbContext db = home.Workspace.OpenDb())
        {
            ApiToken row = await db.ApiTokens.SingleAsync();
            Assert.NotEqual(issued.Secret, row.Hash);
            Assert.Equal(64, row.Hash.Length);
            Assert.NotNull(row.LastUsedAt);
        }

        await Assert.ThrowsAsync<NotFoundException>(() => tokens.RevokeAsync(bob.Id, issued.Token.Id));
        Assert.NotNull(await tokens.AuthenticateAsync(issued.Secret));
        await tokens.RevokeAsync(ada.Id, issued.Token.Id);
        Assert.Null(await tokens.AuthenticateAsync(issued.Secret));
        Assert.NotNull(Assert.Single(await tokens.ListAsync(ada.Id)).RevokedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_project_exists_only_for_its_members_and_keeps_an_owner(DatabaseKind kind)
    {
        await using var home = await Home.OpenAsync(kind);
        User ada = await home.Get<UserBook>().CreateAsync("ada", null, false);
        User bob = await home.Get<UserBook>().CreateAsync("bob", null, false);
        ProjectBook projects = home.Get<ProjectBook>();
        Project season = await projects.CreateAsync("Season 2", 100m, ada.Id);

        Assert.Equal([("Season 2", ProjectRole.Owner)], (await projects.ListForAsync(ada.Id)).Select(p => (p.Project.Name, p.Role)));
        Assert.Empty(await projects.ListForAsync(bob.Id));
        Assert.Equal(EntityKind.Project, (await Assert.ThrowsAsync<NotFoundException>(() => projects.GetForAsync(season.Id, bob.Id))).Entity);
        await Assert.ThrowsAsync<ConflictException>(() => projects.CreateAsync("Season 2", null, bob.Id));

        await projects.AddMemberAsync(season.Id, ProjectRole.Owner, bob.Id, ProjectRole.Artist);
        Assert.Equal(ProjectRole.Artist, await projects.RoleOfAsync(season.Id, bob.Id));
        Assert.Equal("owner-only", (await Assert.ThrowsAsync<RuleViolationException>(() => projects.ChangeRoleAsync(season.Id, ProjectRole.Admin, bob.Id, ProjectRole.Owner))).Rule);
        Assert.Equal("last-owner", (await Assert.ThrowsAsync<RuleViolationException>(() => projects.ChangeRoleAsync(season.Id, ProjectRole.Owner, ada.Id, ProjectRole.Viewer))).Rule);
        Assert.Equal("last-owner", (await Assert.ThrowsAsync<RuleViolationException>(() => projects.RemoveMemberAsync(season.Id, ProjectRole.Owner, ada.Id))).Rule);
        await projects.ChangeRoleAsync(season.Id, ProjectRole.Owner, bob.Id, ProjectRole.Owner);
        await projects.RemoveMemberAsync(season.Id, ProjectRole.Owner, ada.Id);
        Assert.Null(await projects.RoleOfAsync(season.Id, ada.Id));
        Assert.Equal(40m, (await projects.SetBudgetAsync(season.Id, 40m)).BudgetUsd);
        Assert.Equal("budget", (await Assert.ThrowsAsync<InvalidInputException>(() => projects.SetBudgetAsync(season.Id, -1m))).Field);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task The_first_owner_is_made_once_and_owns_the_default_project(DatabaseKind kind)
    {
        await using var home = await Home.OpenAsync(kind);
        FirstOwner first = home.Get<FirstOwner>();

        IssuedToken? issued = await first.EnsureAsync();
        Assert.NotNull(issued);
        Assert.Null(await first.EnsureAsync());
        TokenCaller caller = (await home.Get<TokenBook>().AuthenticateAsync(issued.Secret))!;
        Assert.True(caller.User.IsAdministrator);
        Project project = (await home.Get<ProjectBook>().DefaultAsync());
        Assert.Equal(ProjectRole.Owner, await home.Get<ProjectBook>().RoleOfAsync(project.Id, caller.User.Id));
    }

    /// <summary>A fresh workspace on one test database.</summary>
    private sealed class Home : IAsyncDisposable
    {
        private readonly TempFolder _folder;
        private readonly TestDatabase _database;

        private Home(TempFolder folder, TestDatabase database, LikenessWorkspace workspace)
        {
            _folder = folder;
            _database = database;
            Workspace = workspace;
        }

        public LikenessWorkspace Workspace { get; }

        public static async Task<Home> OpenAsync(DatabaseKind kind)
        {
            var folder = new TempFolder();
            TestDatabase database = await TestDatabases.CreateAsync(kind, folder);
            var options = new WorkspaceOptions { Home = folder.Path, Database = kind, ConnectionString = database.ConnectionString };
            return new Home(folder, database, await LikenessWorkspace.OpenAsync(options));
        }

        public T Get<T>()
            where T : notnull => Workspace.Services.GetRequiredService<T>();

        public async ValueTask DisposeAsync()
        {
            Workspace.Dispose();
            await _database.DisposeAsync();
            _folder.Dispose();
        }
    }
}
