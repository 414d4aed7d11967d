namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>The apps the emulator hosts, by endpoint id.</summary>
internal sealed class FalApps(IEnumerable<IFalApp> apps)
{
    private readonly Dictionary<string, IFalApp> _byId = apps.ToDictionary(a => a.EndpointId, StringComparer.Ordinal);

    public IFalApp? Find(string endpointId) => _byId.GetValueOrDefault(endpointId);
}
