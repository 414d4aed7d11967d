using Likeness.Inference.Safetensors;

namespace Likeness.Workspace.Composition;

/// <summary>Loads an optional model folder (CLIP, DINOv2): null and one sentence why when it is missing or unusable, never an exception.</summary>
internal static class OptionalModel
{
    /// <param name="path">The model folder.</param>
    /// <param name="off">What goes missing without it ("DINO-I is off").</param>
    /// <param name="kind">The model's name ("DINOv2") and the <c>models fetch</c> argument that gets one ("dino").</param>
    /// <param name="isModel">Whether the folder holds a model.</param>
    /// <param name="load">Loads the engine from the folder.</param>
    /// <param name="problem">Why there is no engine; null when loaded.</param>
    public static T? TryLoad<T>(string path, string off, (string Name, string Fetch) kind, Func<string, bool> isModel, Func<string, T> load, out string? problem)
        where T : class
    {
        if (!isModel(path))
        {
            problem = $"{off}: no {kind.Name} model in {path} (get one with 'likeness models fetch {kind.Fetch}').";
            return null;
        }

        try
        {
            problem = null;
            return load(path);
        }
        catch (Exception ex) when (ex is InvalidModelException or IOException or InvalidDataException)
        {
            problem = $"{off}: the {kind.Name} model in {path} cannot be used ({ex.Message}).";
            return null;
        }
    }

    /// <summary>The folder's name as an engine name's suffix ("dino/dinov2-tiny").</summary>
    public static string Name(string prefix, string path) => prefix + "/" + Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
}
