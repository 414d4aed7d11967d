using Likeness.Workspace.Tests;

namespace Likeness.Server.Tests;

/// <summary>
/// A fact that needs PostgreSQL (several server nodes on one database): skipped, with the reason, when
/// LIKENESS_TEST_POSTGRES=off; without a server named there it fails with instructions, as the workspace tests do.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Skips when PostgreSQL is switched off for this run.</summary>
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestDatabases.Variable) == "off")
        {
            Skip = $"{TestDatabases.Variable}=off: several nodes need a shared PostgreSQL.";
        }
    }
}
