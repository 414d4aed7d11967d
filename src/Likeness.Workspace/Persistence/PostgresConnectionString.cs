using Npgsql;

namespace Likeness.Workspace.Persistence;

/// <summary>
/// Reads <c>LIKENESS_DATABASE_URL</c>: a <c>postgres://user:pass@host:port/db?key=value</c> URL (as Heroku,
/// Render and libpq write it) or an Npgsql <c>key=value;...</c> string. Errors never repeat the value, which
/// holds a password.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>The Npgsql key=value form of <paramref name="value"/>; throws <see cref="ArgumentException"/> when it is neither form.</summary>
    public static string Normalize(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        string text = value.Trim();
        var builder = new NpgsqlConnectionStringBuilder();
        try
        {
            if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            {
                FromUrl(text, builder);
            }
            else
            {
                builder.ConnectionString = text;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            // The parsers' own messages may quote the string, and with it the password.
            throw new ArgumentException("LIKENESS_DATABASE_URL is neither a postgres://user:password@host:port/database URL nor a key=value connection string.");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("LIKENESS_DATABASE_URL names no host.");
        }

        return builder.ConnectionString;
    }

    /// <summary>Where the database is, for messages: host, port and database, never the credentials.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static void FromUrl(string text, NpgsqlConnectionStringBuilder builder)
    {
        var uri = new Uri(text, UriKind.Absolute);
        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("no host");
        }

        builder.Host = uri.Host;
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            string[] user = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(user[0]);
            if (user.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(user[1]);
            }
        }

        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }
    }
}
