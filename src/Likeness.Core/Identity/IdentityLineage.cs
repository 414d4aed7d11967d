namespace Likeness.Core.Identity;

/// <summary>
/// A version's retrain family: its first ancestor and every version retrained from it (through
/// <see cref="IdentityModel.ParentId"/>), by version, so every attempt of a retrain is listed with its numbers.
/// </summary>
public static class IdentityLineage
{
    /// <summary>The family of <paramref name="model"/> among <paramref name="models"/> (the character's versions), by version.</summary>
    public static IReadOnlyList<IdentityModel> Of(IdentityModel model, IEnumerable<IdentityModel> models)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(models);
        var byId = models.ToDictionary(m => m.Id);
        byId[model.Id] = model;
        IdentityModel root = model;
        var climbed = new HashSet<Guid> { root.Id };
        while (root.ParentId is { } parentId && byId.TryGetValue(parentId, out IdentityModel? parent) && climbed.Add(parent.Id))
        {
            root = parent;
        }

        ILookup<Guid, IdentityModel> children = byId.Values.Where(m => m.ParentId is not null).ToLookup(m => m.ParentId!.Value);
        var family = new List<IdentityModel> { root };
        var seen = new HashSet<Guid> { root.Id };
        for (int i = 0; i < family.Count; i++)
        {
            family.AddRange(children[family[i].Id].Where(c => seen.Add(c.Id)));
        }

        return [.. family.OrderBy(m => m.Version)];
    }
}
