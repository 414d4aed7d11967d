using Likeness.Core;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Paths;
using Likeness.Workspace.Studies.Definition;

namespace Likeness.Workspace.Tests.Studies;

/// <summary>
/// Hostile study files and cast manifests: a path read from a file the user did not type stays in the file's folder,
/// the home or a folder typed on the command line; <c>..</c>, absolute paths to elsewhere and links out are refused
/// with an invalid-input error naming the field.
/// </summary>
public sealed class PathConfinementTests
{
    private static readonly string Cast = Path.Combine(RepoPaths.Root, "samples", "cast");

    [Theory]
    [InlineData("samples/cast")]
    [InlineData("/etc")]
    [InlineData("does-not-exist")]
    public void A_study_sent_to_the_server_may_not_name_a_cast_folder_whatever_it_points_at(string castPath)
    {
        // Refused before the path is looked at, so the answer says nothing about the server's folders.
        StudyFileException error = Assert.Throws<StudyFileException>(() => StudyFile.ParseSent($"name: sent\ncharacters: [Ada]\ncast: {castPath}\nproviders: [sim-instant]\n", "study"));
        Assert.Equal((3, "cast"), (error.Line, error.Field));
        Assert.DoesNotContain(castPath, error.Message, StringComparison.Ordinal);
        Assert.Equal(["Ada"], StudyFile.ParseSent("name: sent\ncharacters: [Ada]\nproviders: [sim-instant]\n", "study").Characters);
    }

    [Theory]
    [InlineData("../elsewhere")]
    [InlineData("sub/../../elsewhere")]
    [InlineData("ELSEWHERE_ABSOLUTE")]
    [InlineData("link-out")]
    [InlineData("sub/link-out")]
    public async Task A_study_whose_cast_points_out_of_its_folder_is_refused_at_its_line(string castPath)
    {
        using var root = new TempFolder();
        string studyFolder = Directory.CreateDirectory(root.Combine("study")).FullName;
        string elsewhere = CastFolderAt(root.Combine("elsewhere"));
        Directory.CreateDirectory(Path.Combine(studyFolder, "sub"));
        File.CreateSymbolicLink(Path.Combine(studyFolder, "link-out"), elsewhere);
        Directory.CreateSymbolicLink(Path.Combine(studyFolder, "sub", "link-out"), elsewhere);
        string file = Path.Combine(studyFolder, "hostile.yaml");
        await File.WriteAllTextAsync(file, $"name: hostile\ncast: {castPath.Replace("ELSEWHERE_ABSOLUTE", elsewhere, StringComparison.Ordinal)}\nproviders: [sim-instant]\n");

        StudyFileException error = await Assert.ThrowsAsync<StudyFileException>(() => StudyFile.LoadAsync(file, new PathRoots([root.Combine("home")])));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal((2, "cast"), (error.Line, error.Field));
        Assert.Contains("outside the folders a file may point into", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cast_in_the_study_folder_the_home_or_a_typed_folder_is_accepted()
    {
        using var root = new TempFolder();
        string studyFolder = Directory.CreateDirectory(root.Combine("study")).FullName;
        string inside = CastFolderAt(Path.Combine(studyFolder, "cast"));
        string home = CastFolderAt(root.Combine("home"));
        string typed = CastFolderAt(root.Combine("typed"));
        string file = Path.Combine(studyFolder, "s.yaml");
        foreach ((string cast, string expected) in new[] { ("cast", inside), (home, home), (typed, typed), ("../typed", typed) })
        {
            await File.WriteAllTextAsync(file, $"name: s\ncast: {cast}\nproviders: [sim-instant]\n");
            StudyDefinition study = await StudyFile.LoadAsync(file, new PathRoots([home, typed]));
            Assert.Equal(expected, study.Cast);
        }

        await File.WriteAllTextAsync(file, $"name: s\ncast: {typed}\nproviders: [sim-instant]\n");
        await Assert.ThrowsAsync<StudyFileException>(() => StudyFile.LoadAsync(file, new PathRoots([home])));
    }

    [Theory]
    [InlineData("../secret.jpg")]
    [InlineData("SECRET_ABSOLUTE")]
    [InlineData("linked.jpg")]
    public void A_cast_manifest_naming_a_photo_outside_its_folder_is_refused_with_the_field(string photo)
    {
        using var root = new TempFolder();
        string secret = root.Combine("secret.jpg");
        File.Copy(Path.Combine(Cast, "obama.jpg"), secret);
        string folder = Directory.CreateDirectory(root.Combine("cast")).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "linked.jpg"), secret);
        File.Copy(Path.Combine(Cast, "biden.jpg"), Path.Combine(folder, "biden.jpg"));
        string named = photo.Replace("SECRET_ABSOLUTE", secret, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "cast.json"), $$"""
            { "characters": [ { "name": "Joe", "references": [ { "file": "biden.jpg" }, { "file": "{{named}}" } ] } ] }
            """);

        InvalidInputException error = Assert.Throws<InvalidInputException>(() => DemoCast.Load(folder));
        Assert.Equal("characters[0].references[1].file", error.Field);
        Assert.Contains("cast.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_cast_loads_and_a_photo_in_a_subfolder_is_inside()
    {
        Assert.NotEmpty(DemoCast.Load(Cast).Characters);
        using var root = new TempFolder();
        string folder = root.Combine("cast");
        Directory.CreateDirectory(Path.Combine(folder, "photos"));
        File.Copy(Path.Combine(Cast, "biden.jpg"), Path.Combine(folder, "photos", "biden.jpg"));
        File.WriteAllText(Path.Combine(folder, "cast.json"), """{ "characters": [ { "name": "Joe", "references": [ { "file": "photos/biden.jpg" } ] } ] }""");
        Assert.Equal("photos/biden.jpg", Assert.Single(Assert.Single(DemoCast.Load(folder).Characters).References).FileName);
    }

    private static string CastFolderAt(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "cast.json"), """{ "characters": [] }""");
        return Path.GetFullPath(folder);
    }
}
