using System.Collections.Concurrent;
using Likeness.Core.Scenarios;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Providers.Sim;

namespace Likeness.Testing.Emulators.Astria;

/// <summary>
/// Makes a prompt's images with the sim renderer: each re-frames one of the tune's photos, so the person in them is
/// the person trained and a face engine still finds them; with no photos, an empty backdrop. Serves them on the CDN.
/// </summary>
internal sealed class AstriaRenderer(Uri cdn, AstriaEmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Renders the prompt's images once and returns their URLs.</summary>
    public IReadOnlyList<string> Render(EmulatedPrompt prompt)
    {
        lock (prompt.Gate)
        {
            if (prompt.Images is { } done)
            {
                return done;
            }

            var urls = new List<string>();
            for (int i = 0; i < prompt.NumImages; i++)
            {
                var random = new Random(unchecked((int)(prompt.Seed * 31) + i));
                using Image shot = prompt.Sources.Count == 0
                    ? SimEffects.OutdoorBackdrop(prompt.Width, prompt.Height, random)
                    : From(prompt.Sources[random.Next(prompt.Sources.Count)], prompt.Width, prompt.Height, random);
                string name = $"simulated-{prompt.Id}-{i}-{Guid.NewGuid():N}.jpg";
                _files[name] = ImageEncoder.EncodeToBytes(shot, ImageFormat.Jpeg);
                urls.Add(new Uri(cdn, name).AbsoluteUri);
            }

            prompt.Images = urls;
            return urls;
        }
    }

    /// <summary>A file served at <c>cdn/{name}</c>, or null.</summary>
    public byte[]? File(string name) => _files.GetValueOrDefault(name);

    private Image From(Image source, int width, int height, Random random)
    {
        FaceBox? face = options.Faces is { } faces ? FaceDistance.Largest(faces.Analyze(source))?.Box : null;
        return SimRenderer.Render(source, face, Framing.CloseUp, false, width, height, random);
    }
}
