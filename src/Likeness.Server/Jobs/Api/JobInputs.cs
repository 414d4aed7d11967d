using System.Text.Json;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Api;

/// <summary>A job's input as stored on its record (JSON, web casing).</summary>
internal static class JobInputs
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T input) => JsonSerializer.Serialize(input, Options);

    public static T Read<T>(JobRecord job) => JsonSerializer.Deserialize<T>(job.Input, Options)
        ?? throw new InvalidOperationException($"Job {job.Id} has no input.");
}
