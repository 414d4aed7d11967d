using System.Data.Common;
using System.Text.Json;
using Likeness.Server.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Server.Tests;

/// <summary>
/// A database too busy to answer in time (the driver marks its failure transient: pool exhausted, a timeout, too many
/// clients, SQLite busy) is a 503 <c>database-busy</c> with Retry-After, also when EF Core wrapped it; any other
/// database failure stays a 500 that says nothing of its cause.
/// </summary>
public sealed class DatabaseBusyTests
{
    [Theory]
    [InlineData(true, false, 503)]
    [InlineData(true, true, 503)]
    [InlineData(false, false, 500)]
    public async Task A_transient_database_failure_is_a_503_to_retry_and_any_other_a_500(bool transient, bool wrapped, int status)
    {
        Exception failure = new DriverFailure(transient);
        if (wrapped)
        {
            failure = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", failure);
        }

        var (context, problem) = await HandleAsync(failure);

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(status == 503 ? ProblemTypes.DatabaseBusy : ProblemTypes.Unexpected, problem.GetProperty("type").GetString());
        Assert.Equal(status == 503 ? "1" : "", context.Response.Headers.RetryAfter.ToString());
        Assert.DoesNotContain("secret-host", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<(HttpContext Context, JsonElement Problem)> HandleAsync(Exception failure)
    {
        await using ServiceProvider services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new LikenessExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<LikenessExceptionHandler>.Instance);
        Assert.True(await handler.TryHandleAsync(context, failure, CancellationToken.None));
        context.Response.Body.Position = 0;
        return (context, await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body));
    }

    /// <summary>A driver's failure as Npgsql and SQLite raise them, transient or not; its message names a host that must not leak.</summary>
    private sealed class DriverFailure(bool transient) : DbException("connection to secret-host failed")
    {
        public override bool IsTransient => transient;
    }
}
