using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Likeness.Server.Tests;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Ui.Tests;

/// <summary>
/// A Likeness server on real Kestrel (the server tests' <see cref="ServerHost"/>, SQLite and files, the sim providers)
/// with quick sim trainings, and a project with a budget whose members sign in with a password.
/// </summary>
internal sealed class Studio : IAsyncDisposable
{
    /// <summary>Every member's password (long enough for the server's rule).</summary>
    public const string Password = "correct horse battery staple";

    // A sim training of a few seconds, polled often: long enough to reload the page in the middle.
    private static readonly string[] Settings = ["--Likeness:Jobs:PollInterval", "00:00:00.200", "--Likeness:SimTrainingDuration", "00:00:08"];

    private Studio(ServerHost server, Project project)
    {
        Server = server;
        Project = project;
    }

    /// <summary>The server.</summary>
    public ServerHost Server { get; }

    /// <summary>The project, with a $50 budget.</summary>
    public Project Project { get; }

    /// <summary>Starts a server with a project owned by <c>olga</c>; <paramref name="settings"/> are further command-line settings.</summary>
    public static async Task<Studio> StartAsync(params string[] settings)
    {
        ServerHost server = await ServerHost.StartAsync(null, [.. Settings, .. settings]);
        try
        {
            User owner = await server.Services.GetRequiredService<UserBook>().CreateAsync("olga", Password, false);
            Project project = await server.Services.GetRequiredService<ProjectBook>().CreateAsync("Season 2", 50m, owner.Id);
            return new Studio(server, project);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new member of the project with <paramref name="role"/> and <see cref="Password"/>; answers the user's id.</summary>
    public async Task<Guid> MemberAsync(string name, ProjectRole role)
    {
        User user = await Server.Services.GetRequiredService<UserBook>().CreateAsync(name, Password, false);
        await Server.Services.GetRequiredService<ProjectBook>().AddMemberAsync(Project.Id, ProjectRole.Owner, user.Id, role);
        return user.Id;
    }

    /// <summary>
    /// An artist <c>ari</c> and a character <c>Obama</c> with four reference photos, and a browser signed in as ari on
    /// the character's page (its references shown). The caller disposes the browser.
    /// </summary>
    public async Task<Browser> ArtistOnCharacterPageAsync()
    {
        await MemberAsync("ari", ProjectRole.Artist);
        await JobClient.CharacterWithReferencesAsync(Server, Project.Id, "Obama");
        Browser browser = await Browser.OpenAsync(Server.Address);
        await browser.SignInAsync("ari", Password, PageOf("/characters/Obama"));
        await Microsoft.Playwright.Assertions.Expect(browser.Page.Locator("#references .thumb")).ToHaveCountAsync(4);
        return browser;
    }

    /// <summary>The address of a page of the project (<c>/ui/projects/{id}{path}</c>).</summary>
    public string PageOf(string path = "") => $"/ui/projects/{Project.Id}{path}";

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
