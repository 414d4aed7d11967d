using Likeness.Testing;
using Likeness.Core.Characters;
using Likeness.Core.Pins;

namespace Likeness.Core.Tests;

public sealed class CharacterTests
{
    private readonly ManualTime _time = new();

    [Theory]
    [InlineData("abc")]
    [InlineData("ohwx1")]
    [InlineData("Ohwx")]
    [InlineData("oh wx")]
    [InlineData("olé")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    public void Trigger_tokens_must_be_4_to_24_lower_case_letters(string token) =>
        Assert.Throws<InvalidInputException>(() => TriggerToken.Validate(token));

    [Theory]
    [InlineData("Mira Okafor", "MIRA OKAFOR")]
    [InlineData("Mira Okafor", "  mira   okafor ")]
    [InlineData("Mira Okafor", "Mira\tOkafor")]
    [InlineData("Mira Okafor", "\uFF2D\uFF49\uFF52\uFF41 Okafor")]
    [InlineData("Zoë", "Zoe\u0308")]
    [InlineData("Office", "O\uFB03ce")]
    public void Names_that_differ_only_in_case_spacing_or_Unicode_form_are_one_name(string a, string b)
    {
        Assert.True(CharacterName.Same(a, b));
        Assert.Equal(CharacterName.Key(a), CharacterName.Key(b));
    }

    [Theory]
    [InlineData("Mira Okafor", "Mira Okafor Jr")]
    [InlineData("Zoë", "Zoe")]
    [InlineData("Ana", "Anna")]
    public void Different_names_stay_different(string a, string b) => Assert.False(CharacterName.Same(a, b));

    [Fact]
    public void Generated_tokens_are_stable_valid_and_unique()
    {
        string first = TriggerToken.Generate("Barack Obama", new HashSet<string>());
        Assert.Equal(first, TriggerToken.Generate("Barack Obama", new HashSet<string>()));
        TriggerToken.Validate(first);
        Assert.StartsWith("bara", first, StringComparison.Ordinal);
        string second = TriggerToken.Generate("Barack Obama", new HashSet<string> { first });
        Assert.NotEqual(first, second);
        TriggerToken.Validate(second);
        TriggerToken.Validate(TriggerToken.Generate("李 42", new HashSet<string>()));
    }

    [Fact]
    public void Characters_need_a_name_and_a_valid_token()
    {
        Assert.Throws<InvalidInputException>(() => Character.Create(Guid.NewGuid(), " ", null, null, "abcdxyz", _time));
        Assert.Throws<InvalidInputException>(() => Character.Create(Guid.NewGuid(), "Ada", null, null, "ab1", _time));
        Character ada = Character.Create(Guid.NewGuid(), "  Ada  ", null, null, "adaqxz", _time);
        Assert.Equal("Ada", ada.Name);
        Assert.Equal(_time.GetUtcNow(), ada.CreatedAt);
    }

    [Fact]
    public void Pins_take_one_to_three_distinct_references_besides_the_frontal()
    {
        Guid frontal = Guid.NewGuid(), a = Guid.NewGuid();
        Assert.Throws<RuleViolationException>(() => Pin.Create(Guid.NewGuid(), frontal, [], _time));
        Assert.Throws<RuleViolationException>(() => Pin.Create(Guid.NewGuid(), frontal, [a, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()], _time));
        Assert.Throws<RuleViolationException>(() => Pin.Create(Guid.NewGuid(), frontal, [frontal], _time));
        Assert.Throws<RuleViolationException>(() => Pin.Create(Guid.NewGuid(), frontal, [a, a], _time));
        Assert.Equal([a], Pin.Create(Guid.NewGuid(), frontal, [a], _time).ReferenceIds);
    }
}
