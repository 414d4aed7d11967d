using System.Security.Cryptography;
using System.Text;

namespace Likeness.Core.Characters;

/// <summary>
/// The rare word a trained identity (LoRA, tune) binds the character to. Letters only, so no tokenizer splits
/// it on digits or punctuation, lower case, 4 to 24 letters, unique across a workspace.
/// </summary>
public static class TriggerToken
{
    /// <summary>Shortest allowed token.</summary>
    public const int MinLength = 4;

    /// <summary>Longest allowed token.</summary>
    public const int MaxLength = 24;

    /// <summary>Throws <see cref="InvalidInputException"/> unless <paramref name="token"/> follows the rules.</summary>
    public static void Validate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length is < MinLength or > MaxLength || !token.All(char.IsAsciiLetterLower))
        {
            throw new InvalidInputException(
                $"Trigger token '{token}' must be {MinLength} to {MaxLength} lower-case letters a-z (no digits, spaces or punctuation).", "trigger");
        }
    }

    /// <summary>
    /// Makes a token from the name: its first letters plus letters derived from a hash of the name, so the
    /// same name gives the same token, lengthened until it is not in <paramref name="taken"/>.
    /// </summary>
    public static string Generate(string name, IReadOnlySet<string> taken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string letters = new(name.ToLowerInvariant().Where(char.IsAsciiLetterLower).Take(4).ToArray());
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim().ToLowerInvariant()));
        var token = new StringBuilder(letters);
        int i = 0;
        // Consonant-heavy suffix: rare in real vocabularies, so it does not collide with words the base model knows.
        const string Alphabet = "bcdfghjklmnpqrstvwxzkqxz";
        while (token.Length < 7 || taken.Contains(token.ToString()))
        {
            if (token.Length >= MaxLength)
            {
                throw new ConflictException(EntityKind.TriggerToken, name, $"Could not make a unique trigger token for '{name}'; give one explicitly.");
            }

            token.Append(Alphabet[hash[i++ % hash.Length] % Alphabet.Length]);
        }

        return token.ToString();
    }
}
