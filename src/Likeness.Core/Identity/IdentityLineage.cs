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
        Dictionary<Guid, IdentityModel> byId = ById(model, models);
        IdentityModel root = Climb(model, byId)[^1];
        ILookup<Guid, IdentityModel> children = byId.Values.Where(m => m.ParentId is not null).ToLookup(m => m.ParentId!.Value);
        var family = new List<IdentityModel> { root };
        var seen = new HashSet<Guid> { root.Id };
        for (int i = 0; i < family.Count; i++)
        {
            family.AddRange(children[family[i].Id].Where(c => seen.Add(c.Id)));
        }

        return [.. family.OrderBy(m => m.Version)];
    }

    /// <summary>
    /// <paramref name="model"/> and the versions it was retrained from, one parent after another, the first training
    /// first: the attempts of one retrain that led to it (a retrain's siblings tried by others are not among them).
    /// </summary>
    public static IReadOnlyList<IdentityModel> Ancestry(IdentityModel model, IEnumerable<IdentityModel> models)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(models);
        List<IdentityModel> chain = Climb(model, ById(model, models));
        chain.Reverse();
        return chain;
    }

    private static Dictionary<Guid, IdentityModel> ById(IdentityModel model, IEnumerable<IdentityModel> models)
    {
        var byId = models.ToDictionary(m => m.Id);
        byId[model.Id] = model;
        return byId;
    }

    /// <summary>From <paramref name="model"/> up through its parents (a cycle is climbed once).</summary>
    private static List<IdentityModel> Climb(IdentityModel model, Dictionary<Guid, IdentityModel> byId)
    {
        var chain = new List<IdentityModel> { model };
        var climbed = new HashSet<Guid> { model.Id };
        while (chain[^1].ParentId is { } parentId && byId.TryGetValue(parentId, out IdentityModel? parent) && climbed.Add(parent.Id))
        {
            chain.Add(parent);
        }

        return chain;
    }
}
