using Likeness.Workspace.Persistence;
using Npgsql;

namespace Likeness.Workspace.Tests.Persistence;

public sealed class PostgresConnectionStringTests
{
    [Theory]
    [InlineData("postgres://ada:s3cr%40t@db.example:6543/likeness?sslmode=require", "db.example", 6543, "likeness", "ada", "s3cr@t")]
    [InlineData("postgresql://ada@localhost/work", "localhost", 5432, "work", "ada", null)]
    [InlineData("Host=db.example;Port=6543;Database=likeness;Username=ada;Password=pw", "db.example", 6543, "likeness", "ada", "pw")]
    public void Urls_and_key_value_strings_give_the_same_settings(string value, string host, int port, string database, string user, string? password)
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(value));
        Assert.Equal((host, port, database, user, password), (built.Host, built.Port, built.Database, built.Username, built.Password));
        Assert.Equal($"postgres://{host}:{port}/{database}", PostgresConnectionString.Describe(built.ConnectionString));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("postgres://ada:hunter2@/db")]
    [InlineData("postgres://ada:hunter2@[::1/db")]
    [InlineData("Password=hunter2;Nonsense=1")]
    [InlineData("Password=hunter2")]
    public void Anything_else_is_refused_without_repeating_it(string value)
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => PostgresConnectionString.Normalize(value));
        Assert.Contains("LIKENESS_DATABASE_URL", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
    }
}
