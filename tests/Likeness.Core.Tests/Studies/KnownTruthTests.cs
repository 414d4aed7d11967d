using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;

namespace Likeness.Core.Tests.Studies;

/// <summary>
/// Shots drawn from known fidelities (kept → a genuine-like distance, drifted → an impostor-like one), as the sim
/// profiles make them: the analysis must recover the ranking and each fidelity within its interval.
/// </summary>
public class KnownTruthTests
{
    [Fact]
    public void Recovers_configured_fidelities_and_their_order()
    {
        var random = new Random(2026);
        (string Provider, double Fidelity)[] profiles = [("sim-lora", 0.95), ("sim-instant", 0.85), ("sim-reference", 0.70)];
        var shots = new List<StudyShotResult>();
        foreach ((string provider, double fidelity) in profiles)
        {
            for (int i = 0; i < 200; i++)
            {
                bool kept = random.NextDouble() < fidelity;
                shots.Add(StudyFixtures.Shot(provider, "s" + (i % 5), i, kept ? Genuine(random) : Impostor(random)) with { SimIdentity = kept ? "kept" : "drifted" });
            }
        }

        var study = new StudyResults
        {
            Name = "truth",
            FinishedAt = DateTimeOffset.UnixEpoch,
            Shots = shots,
            Providers = [.. profiles.Select(p => StudyFixtures.Facts(p.Provider))],
            Calibration = new CalibrationSamples("t", [.. Enumerable.Range(0, 300).Select(_ => Genuine(random))], [.. Enumerable.Range(0, 300).Select(_ => Impostor(random))]),
        };
        StudyAnalysis analysis = StudyAnalyzer.Analyze(study);

        Assert.Equal(["sim-lora", "sim-instant", "sim-reference"], analysis.ByProvider.OrderByDescending(g => g.IdentityPass.Rate).Select(g => g.Provider));
        foreach ((string provider, double fidelity) in profiles)
        {
            GroupStatistics g = analysis.ByProvider.Single(x => x.Provider == provider);
            Assert.InRange(fidelity, g.IdentityPass.WilsonCi95!.Low, g.IdentityPass.WilsonCi95.High);
            Assert.InRange(fidelity, g.IdentityPass.BootstrapCi95!.Low - 0.01, g.IdentityPass.BootstrapCi95.High + 0.01);
        }

        Assert.True(analysis.Pairwise.Single(t => t.Metric == "identity_pass" && t.ProviderA == "sim-lora" && t.ProviderB == "sim-reference").PermutationPHolm < 0.01);
    }

    // Genuine distances ~ 0.25..0.5, impostors ~ 0.6..0.95: separated as a good face engine separates people.
    private static double Genuine(Random r) => 0.25 + (0.25 * r.NextDouble());

    private static double Impostor(Random r) => 0.6 + (0.35 * r.NextDouble());
}
