using System.Text.Json.Nodes;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>What an app answered: its status code and JSON body (the output, or its error).</summary>
internal sealed record FalOutcome(int Status, JsonNode Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
