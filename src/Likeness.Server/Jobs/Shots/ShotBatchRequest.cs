using Likeness.Core.Shots;

namespace Likeness.Server.Jobs.Shots;

/// <summary>Generate a batch of shots of one character in the background: one scene, seeds <c>seed</c>, <c>seed+1</c>, ….</summary>
/// <param name="Provider">The provider (<c>GET /api/providers</c>).</param>
/// <param name="Prompt">The scene; the character's identity, traits and style are added. Give this or <paramref name="Scenario"/>.</param>
/// <param name="Scenario">A standard scenario by name.</param>
/// <param name="AspectRatio">e.g. 16:9 (default: the scenario's, else 1:1).</param>
/// <param name="Seed">The first shot's seed (default 42); each next shot's is one more.</param>
/// <param name="Count">How many shots, 1 to <see cref="ShotBatchInput.MaxCount"/>.</param>
/// <param name="UseCache">Serve a shot already made for the same request from the store (default true).</param>
public sealed record ShotBatchRequest(string? Provider, string? Prompt, string? Scenario, string? AspectRatio, long? Seed, int? Count, bool? UseCache);

/// <summary>What a batch job keeps as its input: the identity chosen when it was accepted, and each shot's request in order.</summary>
internal sealed record ShotBatchInput(Guid CharacterId, Guid IdentityId, IReadOnlyList<ShotRequest> Requests, bool UseCache)
{
    /// <summary>The most shots one batch makes.</summary>
    public const int MaxCount = 100;

    /// <summary>How many shots it makes.</summary>
    public int Count => Requests.Count;
}
