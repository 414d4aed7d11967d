using Likeness.Core.References;
using Likeness.Core;
using Likeness.Testing;
using Likeness.Workspace.Composition;

namespace Likeness.Workspace.Tests;

/// <summary>
/// The largest reference file is the workspace's setting (<see cref="WorkspaceOptions.MaxReferenceBytes"/>, default the
/// rules' 10 MB): the checks apply it, and a value out of range is refused at start-up with a message that names it.
/// </summary>
public sealed class ReferenceLimitTests
{
    [Fact]
    public async Task A_workspace_refuses_references_over_its_own_limit_and_accepts_them_under_it()
    {
        byte[] photo = await File.ReadAllBytesAsync(Path.Combine(FacedCast.Folder, "obama1.jpg"));
        using var folder = new TempFolder();
        using (LikenessWorkspace strict = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path, MaxReferenceBytes = photo.Length - 1 }))
        {
            ReferenceCheckReport report = await strict.Characters.CheckReferencesAsync(null, [new ReferenceCandidate("obama1.jpg", photo)]);
            ReferenceFinding tooLarge = Assert.Single(report.Findings, f => f.Code == "too-large");
            Assert.Equal(FindingSeverity.Error, tooLarge.Severity);
        }

        using LikenessWorkspace roomy = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path, MaxReferenceBytes = photo.Length });
        ReferenceCheckReport accepted = await roomy.Characters.CheckReferencesAsync(null, [new ReferenceCandidate("obama1.jpg", photo)]);
        Assert.DoesNotContain(accepted.Findings, f => f.Code == "too-large");
        Assert.Equal(ReferenceRules.Default.MaxBytes, new WorkspaceOptions { Home = folder.Path }.ReferenceRules.MaxBytes);
    }

    [Theory]
    [InlineData(1023L)]
    [InlineData(1L << 40)]
    public void A_limit_out_of_range_is_refused_naming_the_setting(long bytes)
    {
        using var folder = new TempFolder();
        ArgumentException refused = Assert.Throws<ArgumentException>(() => new WorkspaceOptions { Home = folder.Path, MaxReferenceBytes = bytes }.Validate());
        Assert.Contains("MaxReferenceBytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_variable_sets_the_limit_and_a_value_that_is_not_a_byte_count_is_refused_naming_it()
    {
        string? Variable(string value, string name) => name == EnvironmentSettings.MaxReferenceBytesVariable ? value : null;

        var settings = EnvironmentSettings.Read("/home", environment: name => Variable("25000000", name)).ToDictionary();
        Assert.Equal("25000000", settings[WorkspaceOptions.Section + ":MaxReferenceBytes"]);
        foreach (string bad in new[] { "12 MB", "-5", "1023" })
        {
            InvalidInputException refused = Assert.Throws<InvalidInputException>(() => EnvironmentSettings.Read("/home", environment: name => Variable(bad, name)).ToList());
            Assert.Contains(EnvironmentSettings.MaxReferenceBytesVariable, refused.Message, StringComparison.Ordinal);
        }
    }
}
