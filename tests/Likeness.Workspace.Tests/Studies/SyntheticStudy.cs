using Likeness.Core.Studies;
using Likeness.Testing;

namespace Likeness.Workspace.Tests.Studies;

/// <summary>
/// A synthetic study in the shape a run produces: three sim profiles, two characters, the five scenarios, three
/// variations; real sample photos as thumbnails; a failure, faceless shots, a copy-paste flag and CLIP on some shots.
/// </summary>
internal static class SyntheticStudy
{
    private static readonly string[] Scenarios = ["close-up-portrait", "wide-full-body-outdoor", "profile", "low-light", "action"];

    public static StudyResults Create(string folder)
    {
        string images = Path.Combine(folder, "images");
        Directory.CreateDirectory(images);
        (string Name, string[] Photos)[] cast = [("Obama", ["obama1.jpg", "obama2.jpg", "obama3.jpg"]), ("Biden", ["biden.jpg", "biden2.jpg"])];
        foreach (string photo in cast.SelectMany(c => c.Photos).Append("two_people.jpg"))
        {
            File.Copy(RepoPaths.Root + "/samples/cast/" + photo, Path.Combine(images, photo), overwrite: true);
        }

        (string Provider, double Fidelity, double LatencyMs, decimal Cost)[] profiles = [("sim-lora", 0.95, 6500, 0.035m), ("sim-instant", 0.85, 3200, 0.06m), ("sim-reference", 0.70, 2100, 0.04m)];
        var random = new Random(42);
        var shots = new List<StudyShotResult>();
        foreach ((string character, string[] photos) in cast)
        {
            foreach ((string provider, double fidelity, double latency, decimal cost) in profiles)
            {
                foreach (string scenario in Scenarios)
                {
                    for (int v = 1; v <= 3; v++)
                    {
                        bool kept = random.NextDouble() < fidelity;
                        bool faceless = scenario == "wide-full-body-outdoor" && v == 3;
                        bool failed = provider == "sim-reference" && scenario == "action" && v == 2 && character == "Biden";
                        double distance = kept ? 0.32 + (random.NextDouble() * 0.16) : 0.62 + (random.NextDouble() * 0.2);
                        string thumb = "images/" + (kept ? photos[v % photos.Length] : "two_people.jpg");
                        shots.Add(new StudyShotResult
                        {
                            Character = character,
                            Provider = provider,
                            Scenario = scenario,
                            Variation = v,
                            Seed = 1000 + (v * 17),
                            Status = failed ? StudyStatuses.Failed : StudyStatuses.Succeeded,
                            Error = failed ? "simulated provider failure, \"retry later\"" : null,
                            Simulated = true,
                            LatencyMs = failed ? null : latency * (0.8 + (random.NextDouble() * 0.4)),
                            CostUsd = failed ? null : cost,
                            FaceDetected = failed ? null : !faceless,
                            FaceDistance = failed || faceless ? null : distance,
                            FaceDistanceMin = failed || faceless ? null : distance - 0.04,
                            ClipI = failed || character == "Biden" ? null : 0.78 + (random.NextDouble() * 0.1),
                            ClipT = failed || character == "Biden" ? null : 0.27 + (random.NextDouble() * 0.05),
                            CopySimilarity = failed ? null : 0.7 + (random.NextDouble() * 0.2),
                            CopyPaste = failed ? null : provider == "sim-instant" && scenario == "profile" && v == 1,
                            SelfConsistency = failed || faceless ? null : 0.3 + (random.NextDouble() * 0.2),
                            SimIdentity = failed ? null : kept ? "kept" : "drifted",
                            Prompt = $"{character}, {scenario}, variation {v}, cinematic, 35mm",
                            ShotId = $"shot-{shots.Count:000}",
                            Image = failed ? null : thumb,
                            Thumbnail = failed ? null : thumb,
                        });
                    }
                }
            }
        }

        return new StudyResults
        {
            Name = "Seeds consistency PoC (synthetic)",
            FinishedAt = new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero),
            Shots = shots,
            Providers =
            [
                new StudyProviderFacts { Provider = "sim-lora", DisplayName = "Sim LoRA", Approach = "trained", Simulated = true, TrainingSeconds = 840, TrainingCostUsd = 2m, PricePerImageUsd = 0.035m, Integration = 0.6, BrowserCompatibility = 0.8 },
                new StudyProviderFacts { Provider = "sim-instant", DisplayName = "Sim Instant", Approach = "reference", Simulated = true, PricePerImageUsd = 0.06m, Integration = 0.9 },
                new StudyProviderFacts { Provider = "sim-reference", DisplayName = "Sim Reference", Approach = "reference", Simulated = true, PricePerImageUsd = 0.04m },
            ],
            Calibration = new CalibrationSamples(
                "faceapi-1.7.15",
                [.. Enumerable.Range(0, 30).Select(_ => 0.28 + (random.NextDouble() * 0.26))],
                [.. Enumerable.Range(0, 120).Select(_ => 0.55 + (random.NextDouble() * 0.4))]),
            TargetFalseAcceptRate = 0.01,
            ExpectedClipI = Scenarios.ToDictionary(s => s, _ => 0.95),
        };
    }
}
