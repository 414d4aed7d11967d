using Likeness.Core;
using Likeness.Core.Characters;

namespace Likeness.Workspace.Characters;

/// <summary>Turns a cast folder into workspace characters with checked references, reusing those already there.</summary>
public sealed class CastImporter(LikenessWorkspace workspace)
{
    /// <summary>
    /// Imports every member of the cast in <paramref name="castFolder"/>: an existing character of the same name is
    /// reused, and references are added only to a character that has none. Refused references stop the import;
    /// the number of warnings goes to <paramref name="log"/>.
    /// </summary>
    public async Task<IReadOnlyList<Character>> ImportAsync(string castFolder, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        DemoCast cast = DemoCast.Load(castFolder);
        var characters = new List<Character>();
        foreach (CastMember member in cast.Characters)
        {
            characters.Add(await EnsureAsync(member, log, cancellationToken).ConfigureAwait(false));
        }

        return characters;
    }

    private async Task<Character> EnsureAsync(CastMember member, IProgress<string>? log, CancellationToken cancellationToken)
    {
        Character? character = (await workspace.Characters.ListAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.Name.Equals(member.Name, StringComparison.OrdinalIgnoreCase));
        character ??= await workspace.Characters.CreateAsync(member.Name, member.Description, member.Profile, cancellationToken: cancellationToken).ConfigureAwait(false);
        if ((await workspace.Characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            var (report, added) = await workspace.Characters.AddReferencesAsync(character, member.References, cancellationToken).ConfigureAwait(false);
            if (!report.Passed)
            {
                throw new RuleViolationException($"The cast's references for {member.Name} were refused: {string.Join(" ", report.Errors.Select(e => e.Message))}");
            }

            log?.Report($"{member.Name}: {added.Count} references added ({report.Warnings.Count()} warnings)");
        }

        return character;
    }
}
