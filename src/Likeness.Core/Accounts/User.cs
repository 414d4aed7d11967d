namespace Likeness.Core.Accounts;

/// <summary>
/// Someone who signs in to the server (with a password) or calls it from a script (with a personal API token).
/// Administrators manage users; what anyone may do in a project is their <see cref="ProjectMember"/> role.
/// </summary>
public sealed class User
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 100;

    private User()
    {
        Name = NameKey = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>Sign-in name as typed.</summary>
    public string Name { get; private set; }

    /// <summary>The name folded to lower case: unique, what sign-in compares.</summary>
    public string NameKey { get; private set; }

    /// <summary>The password's hash (ASP.NET Core Identity's format, salted and iterated); null when the user signs in only with tokens.</summary>
    public string? PasswordHash { get; private set; }

    /// <summary>Whether the user manages users (the first owner is one).</summary>
    public bool IsAdministrator { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The key names are compared by.</summary>
    public static string KeyOf(string name) => (name ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>Creates a user after checking the name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, <c>@</c>).</summary>
    public static User Create(string name, bool isAdministrator, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        string trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxNameLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            throw new InvalidInputException(
                $"A user name has 1 to {MaxNameLength} letters, digits, '.', '_', '-' or '@'.", "name");
        }

        DateTimeOffset now = time.GetUtcNow();
        return new User { Id = Guid.CreateVersion7(now), Name = trimmed, NameKey = KeyOf(trimmed), IsAdministrator = isAdministrator, CreatedAt = now };
    }

    /// <summary>Stores a new password hash (the caller hashes; this layer never sees a password it keeps).</summary>
    public void SetPasswordHash(string? hash) => PasswordHash = hash;
}
