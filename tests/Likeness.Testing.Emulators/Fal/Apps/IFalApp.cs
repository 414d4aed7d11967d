using System.Text.Json;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>One emulated fal app (endpoint id): how long it runs, what it logs meanwhile, and what it answers.</summary>
internal interface IFalApp
{
    /// <summary>The endpoint id it answers, e.g. <c>fal-ai/flux-lora</c>.</summary>
    string EndpointId { get; }

    /// <summary>Time IN_PROGRESS.</summary>
    TimeSpan Duration(FalEmulatorOptions options);

    /// <summary>Log lines and the fraction of the run after which each appears.</summary>
    IReadOnlyList<FalProgressLine> Progress(JsonElement input);

    /// <summary>Validates the input and produces the output (or the app's error).</summary>
    Task<FalOutcome> RunAsync(FalAppContext context, CancellationToken cancellationToken);
}
