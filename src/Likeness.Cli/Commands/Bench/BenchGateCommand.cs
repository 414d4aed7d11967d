using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.References;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Core.Studies.Calibration;
using Likeness.Inference.Faces;
using Likeness.Workspace;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Bench;

/// <summary>
/// <c>likeness bench gate [--shots N] [--threads T] [--json]</c>: the scoring overhead the gate adds to each attempt,
/// beside the provider's own latency. In a throwaway workspace with the demo cast it makes N sim close-ups of the
/// first character, then times, per shot, what a gated attempt runs besides the call: the face pipeline on the shot
/// against the references (<see cref="ShotScorer"/>) and the judgement (read the image back, decode, copy-paste
/// hash, verdict: <see cref="ShotJudge"/>), after one warm-up shot; with the process's CPU time over those sections,
/// which a busy machine inflates less than wall time. The threshold is face-api's 0.6 (the timing does
/// not depend on it).
/// </summary>
internal static class BenchGateCommand
{
    public static Command Create()
    {
        var shots = new Option<int>("--shots") { Description = "Shots to time.", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "Threads of the face engine (0 = every core).", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var command = new Command("gate", "Time the gate's scoring overhead per attempt (face pipeline + verdict) on sim shots.") { shots, threads, json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            int n = parse.GetValue(shots);
            int t = parse.GetValue(threads);
            if (n < 1 || t < 0)
            {
                throw new CliUsageException("--shots must be ≥ 1 and --threads ≥ 0.");
            }

            string home = Path.Combine(Path.GetTempPath(), "likeness-bench-gate-" + Guid.NewGuid().ToString("N"));
            try
            {
                var faces = new FaceEngine(new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { DegreeOfParallelism = t }));
                using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = home }, faces, cancellationToken: ct).ConfigureAwait(false);
                GateBenchResult result = await MeasureAsync(workspace, faces, n, t, ct).ConfigureAwait(false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(result) : result.ToText()).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            finally
            {
                if (Directory.Exists(home))
                {
                    Directory.Delete(home, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<GateBenchResult> MeasureAsync(LikenessWorkspace workspace, FaceEngine faces, int n, int threads, CancellationToken ct)
    {
        CastMember member = DemoCast.Load(Path.Combine(AppContext.BaseDirectory, "samples", "cast")).Characters[0];
        Character character = await workspace.Characters.CreateAsync(member.Name, member.Description, member.Profile, cancellationToken: ct).ConfigureAwait(false);
        await workspace.Characters.AddReferencesAsync(character, member.References, ct).ConfigureAwait(false);
        IReadOnlyList<ReferenceImage> references = await workspace.Characters.ReferencesAsync(character.Id, ct).ConfigureAwait(false);
        IdentityModel identity = await workspace.Identities.CreateAsync(character, "sim-instant", cancellationToken: ct).ConfigureAwait(false);
        GateSubject subject = await workspace.Calibrations.SubjectAsync(character, ct).ConfigureAwait(false);
        CharacterCalibration calibration = CharacterCalibration.Create(
            character.Id, subject.Metric, subject.Model, 1, "bench", 0,
            new ThresholdCalibration { Threshold = 0.6, Calibrated = true, TargetFalseAcceptRate = 0.01 }, [], workspace.Time);
        ShotJudge judge = workspace.Services.GetRequiredService<ShotJudge>();
        Scenario scenario = StandardScenarios.Get("close-up-portrait");
        (int width, int height) = StandardScenarios.SizeFor(scenario.AspectRatio);
        var scoring = new List<double>();
        var judging = new List<double>();
        TimeSpan cpu = TimeSpan.Zero;
        using Process process = Process.GetCurrentProcess();
        for (int i = -1; i < n; i++)
        {
            var request = new ShotRequest { Prompt = scenario.Scene, Scenario = scenario.Name, AspectRatio = scenario.AspectRatio, Width = width, Height = height, Seed = 7000 + i };
            Shot shot = (await workspace.Shots.GenerateAsync(character, identity, request, useCache: false, cancellationToken: ct).ConfigureAwait(false)).Shot;
            byte[] bytes = await workspace.Assets.ReadAllBytesAsync(shot.Assets[0], ct).ConfigureAwait(false);
            process.Refresh();
            TimeSpan cpu0 = process.TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            _ = new ShotScorer(faces).Score(bytes, references, ct);
            long t1 = Stopwatch.GetTimestamp();
            _ = await judge.JudgeAsync(shot, subject, calibration, null, i + 2, ct).ConfigureAwait(false);
            long t2 = Stopwatch.GetTimestamp();
            process.Refresh();
            if (i >= 0)
            {
                cpu += process.TotalProcessorTime - cpu0;
                scoring.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                judging.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            }
        }

        double[] total = [.. scoring.Zip(judging, (a, b) => a + b)];
        return new GateBenchResult(n, threads == 0 ? Environment.ProcessorCount : threads, width, height, Samples.Median(scoring), Samples.Median(judging), Samples.Median(total), Samples.Percentile(total, 0.95), total.Max(), cpu.TotalMilliseconds / n, Environment.ProcessorCount);
    }

    /// <summary>Milliseconds per attempt.</summary>
    private sealed record GateBenchResult(int Shots, int Threads, int Width, int Height, double ScoreMedianMs, double JudgeMedianMs, double TotalMedianMs, double TotalP95Ms, double TotalMaxMs, double CpuMsPerAttempt, int Cores)
    {
        public string ToText() => string.Create(CultureInfo.InvariantCulture,
            $"""
            gate overhead per attempt ({Shots} sim close-ups at {Width}x{Height}, {Threads} thread(s)):
              face pipeline + distances  median {ScoreMedianMs:0.0} ms
              judge (read, decode, hash) median {JudgeMedianMs:0.0} ms
              total                      median {TotalMedianMs:0.0} ms, p95 {TotalP95Ms:0.0} ms, max {TotalMaxMs:0.0} ms
              CPU time (all threads)     {CpuMsPerAttempt:0.0} ms per attempt (the wall time on {Threads} idle core(s) lies between {CpuMsPerAttempt / Math.Max(1, Threads):0} and {CpuMsPerAttempt:0} ms)
              ({TotalMedianMs / 5000:P1} of a typical 5 s provider call; target < 250 ms; wall times inflate when the {Cores} core(s) are shared)
            """);
    }
}
