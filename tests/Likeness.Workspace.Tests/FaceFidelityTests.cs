using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Faces;

namespace Likeness.Workspace.Tests;

/// <summary>The sim's fidelity as the face engine measures it, not as the sim reports it.</summary>
public sealed class FaceFidelityTests
{
    [Fact]
    public async Task The_face_engine_recovers_the_sim_profiles_fidelity()
    {
        using var folder = new TempFolder();
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path }, faces);
        var characters = new Dictionary<string, Character>();
        foreach (CastMember member in DemoCast.Load(Path.Combine(RepoPaths.Root, "samples", "cast")).Characters)
        {
            Character c = await workspace.Characters.CreateAsync(member.Name, null, member.Profile);
            Assert.True((await workspace.Characters.AddReferencesAsync(c, member.References)).Report.Passed);
            characters[member.Name] = c;
        }

        Character obama = characters["Barack Obama"];
        IdentityModel identity = await workspace.Identities.CreateAsync(obama, "sim-reference");
        const int n = 80;
        int agree = 0, samePerson = 0;
        for (int seed = 0; seed < n; seed++)
        {
            var request = new ShotRequest { Prompt = "portrait", Scenario = "close-up-portrait", Width = 320, Height = 384, Seed = seed };
            Shot shot = (await workspace.Shots.GenerateAsync(obama, identity, request)).Shot;
            bool kept = shot.Metadata["sim.identity"] == "kept";
            bool same = shot.Scores.FaceDistanceMean is < 0.6;
            samePerson += same ? 1 : 0;
            agree += same == kept ? 1 : 0;
        }

        // The engine must agree with the sim's ground truth on nearly every shot (close-ups of real photos)...
        Assert.True(agree >= n * 0.95, $"face engine agreed with the ground truth on {agree} of {n} shots");
        // ...so the measured keep rate matches the profile's 0.70 within 3.5 binomial standard errors (0.18 at n = 80).
        double share = samePerson / (double)n;
        Assert.InRange(share, 0.70 - (3.5 * Math.Sqrt(0.7 * 0.3 / n)), 0.70 + (3.5 * Math.Sqrt(0.7 * 0.3 / n)));
    }
}
