using Likeness.Core;
using Likeness.Core.Pins;
using Likeness.Core.References;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Pins;

namespace Likeness.Workspace.Tests;

public sealed class PinBookTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task The_default_pin_is_the_frontal_photo_and_three_others_and_it_is_stored(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IReadOnlyList<ReferenceImage> refs = await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id);
        Guid Id(string file) => refs.Single(r => r.FileName == file).Id;

        Pin pin = await cast.Workspace.Pins.CreateAsync(cast.Obama);
        Assert.Equal(Id("obama.jpg"), pin.FrontalReferenceId);
        Assert.Equal([Id("obama1.jpg"), Id("obama2.jpg"), Id("obama3.jpg")], pin.ReferenceIds);

        await cast.ReopenAsync();
        Pin stored = Assert.Single(await cast.Workspace.Pins.ListAsync(cast.Obama.Id));
        Assert.Equal((pin.Id, pin.FrontalReferenceId), (stored.Id, stored.FrontalReferenceId));
        Assert.Equal(pin.ReferenceIds, stored.ReferenceIds);
        Assert.Equal(pin.Id, (await cast.Workspace.Pins.GetAsync(pin.Id.ToString("N")[..16])).Id);
        Assert.Empty(await cast.Workspace.Pins.ListAsync(cast.Biden.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task References_are_named_by_id_prefix_or_file_name_and_bad_names_are_refused(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IReadOnlyList<ReferenceImage> refs = await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id);
        ReferenceImage threeQuarter = refs.Single(r => r.FileName == "obama1.jpg"), other = refs.Single(r => r.FileName == "obama3.jpg");

        Pin pin = await cast.Workspace.Pins.CreateAsync(cast.Obama, "OBAMA1.JPG", [other.Id.ToString()[..30], "obama.jpg"]);
        Assert.Equal(threeQuarter.Id, pin.FrontalReferenceId);
        Assert.Equal([other.Id, refs.Single(r => r.FileName == "obama.jpg").Id], pin.ReferenceIds);

        // Ids made together share their leading time bits, so a short common prefix names several references.
        string common = new(refs[0].Id.ToString("N").TakeWhile((c, i) => refs.All(r => r.Id.ToString("N")[i] == c)).ToArray());
        Assert.True(common.Length >= PinBook.MinPrefixLength, common);
        string ambiguous = (await Assert.ThrowsAsync<ConflictException>(() => cast.Workspace.Pins.CreateAsync(cast.Obama, common))).Message;
        Assert.Contains($"matches {refs.Count} references of Barack Obama", ambiguous, StringComparison.Ordinal);
        Assert.Contains("too short", (await Assert.ThrowsAsync<InvalidInputException>(() => cast.Workspace.Pins.CreateAsync(cast.Obama, "01"))).Message, StringComparison.Ordinal);

        Guid biden = (await cast.Workspace.Characters.ReferencesAsync(cast.Biden.Id))[0].Id;
        string foreign = (await Assert.ThrowsAsync<NotFoundException>(() => cast.Workspace.Pins.CreateAsync(cast.Obama, biden.ToString()))).Message;
        Assert.Contains("Barack Obama has no reference", foreign, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RuleViolationException>(() => cast.Workspace.Pins.CreateAsync(cast.Obama, "obama.jpg", ["obama.jpg"]));
        Assert.Contains("No pin 'ffffffff'", (await Assert.ThrowsAsync<NotFoundException>(() => cast.Workspace.Pins.GetAsync("ffffffff"))).Message, StringComparison.Ordinal);
        Assert.Single(await cast.Workspace.Pins.ListAsync(cast.Obama.Id));
    }
}
