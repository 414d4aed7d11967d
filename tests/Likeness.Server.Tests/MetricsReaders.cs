namespace Likeness.Server.Tests;

/// <summary>
/// Tests that read /metrics run alone: OpenTelemetry listens to meters by name across the whole process, so another
/// test's server running at the same time feeds the same instruments and its numbers mix into the scrape.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsReaders
{
    /// <summary>The collection's name.</summary>
    public const string Name = "metrics";
}
