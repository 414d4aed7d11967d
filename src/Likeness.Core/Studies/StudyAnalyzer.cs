using Likeness.Core.Studies.Analysis;
using Likeness.Core.Studies.Calibration;
using Likeness.Core.Studies.Projections;
using Likeness.Core.Studies.Scorecard;
using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies;

/// <summary>Turns a study's measurements into calibrated pass/fail, statistics, tests, a scorecard and projections. Pure.</summary>
public static class StudyAnalyzer
{
    /// <summary>Analyzes <paramref name="results"/>; deterministic for the same input and options.</summary>
    public static StudyAnalysis Analyze(StudyResults results, StudyAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        options ??= new StudyAnalysisOptions();
        options.Validate();

        ThresholdCalibration calibration = ThresholdCalibrator.Calibrate(results.Calibration, results.TargetFalseAcceptRate);
        StudyShotResult[] all = [.. results.Shots.Select(s => s with { IdentityPass = IdentityPass(s, calibration.Threshold) })];

        // Preview drafts are smaller or coarser shots of the same seeds: the gate's statistics count them, the provider statistics do not.
        StudyShotResult[] shots = [.. all.Where(s => s.Draft != true)];
        IReadOnlyList<string> providers = Providers(results, shots);

        GroupStatistics[] byProvider = [.. providers.Select(p => Group(p, null, shots.Where(s => s.Provider == p).ToList(), options))];
        GroupStatistics[] byScenario =
        [
            .. providers.SelectMany(p => shots.Where(s => s.Provider == p).Select(s => s.Scenario).Distinct()
                .Select(sc => Group(p, sc, shots.Where(s => s.Provider == p && s.Scenario == sc).ToList(), options))),
        ];

        StudyProviderFacts[] facts = [.. providers.Select(p => results.Providers.FirstOrDefault(f => f.Provider == p) ?? UnknownFacts(p))];
        CostBasis[] costs = [.. facts.Select(f => CostBasis.Of(f, shots))];
        ScorecardInput[] inputs = [.. facts.Select((f, i) => new ScorecardInput(f, byProvider[i].IdentityPass.Rate, byProvider[i].LatencyMs.Mean, costs[i]) { IdentityPass = byProvider[i].IdentityPass })];
        int characters = options.ProjectedCharacters ?? results.ProjectedCharacters ?? Math.Max(1, shots.Select(s => s.Character).Distinct().Count());
        IReadOnlyList<Decisions.ProjectionScale> scales = results.ProjectionScales ?? Decisions.ProjectionScale.Seeds;
        IReadOnlyList<Videos.VideoStatistics> video = Videos.VideoStatistics.Of(results.Video, results.Videos, scales);

        return new StudyAnalysis
        {
            Calibration = calibration,
            DinoCalibration = DinoCalibration.Of(results.DinoCalibration, results.TargetFalseAcceptRate),
            Shots = all,
            ByProvider = byProvider,
            ByProviderScenario = byScenario,
            Pairwise = PairwiseTests.Run(providers, shots, options),
            Scorecard = ScorecardBuilder.Build(inputs, results.ScorecardWeights, options.Scorecard),
            Projections = [.. costs.Select(c => CostProjection.Of(c, characters, options.MonthlyVolumes))],
            BreakEvens = [.. Pairs(costs.Length).Select(p => BreakEven.Between(costs[p.A], costs[p.B]))],
            Decisions = Decisions.DecisionMaker.Decide(
                facts, byProvider, costs, results.SuccessCriteria ?? new Decisions.SuccessCriteria(), scales,
                results.TrainingAmortisationMonths ?? DefaultAmortisationMonths) with { VideoPriced = video.Any(v => v.AtScale.Count > 0) },
            Gate = Gating.GateStatistics.Of(providers, all, results.Gate, options.Seed, options.Resamples),
            Bleed = Bleed.BleedStatistics.Of(providers, shots, options.Seed, options.Resamples),
            Video = video,
            Options = options,
        };
    }

    /// <summary>Months a character's training is spread over in the projections unless the study says otherwise.</summary>
    public const int DefaultAmortisationMonths = 12;

    /// <summary>
    /// A successful shot passes when its mean face distance is ≤ the threshold. The mean, not the min: the threshold
    /// is calibrated on single reference-to-reference distances, and the min over several references is biased
    /// low (it gets easier to pass the more references a character has). A shot with no face found fails; a shot
    /// that was not face-scored (no engine) or failed to generate has no verdict, nor has any shot without a
    /// calibrated threshold.
    /// </summary>
    public static bool? IdentityPass(StudyShotResult shot, double? threshold)
    {
        ArgumentNullException.ThrowIfNull(shot);
        if (shot.Status != StudyStatuses.Succeeded || threshold is null)
        {
            return null;
        }

        return shot.FaceDistance is { } d ? d <= threshold : shot.FaceDetected == false ? false : null;
    }

    /// <summary>Index pairs (a &lt; b) in order.</summary>
    internal static IEnumerable<(int A, int B)> Pairs(int count)
    {
        for (int a = 0; a < count; a++)
        {
            for (int b = a + 1; b < count; b++)
            {
                yield return (a, b);
            }
        }
    }

    private static IReadOnlyList<string> Providers(StudyResults results, IEnumerable<StudyShotResult> shots) =>
        [.. results.Providers.Select(p => p.Provider).Concat(shots.Select(s => s.Provider)).Distinct()];

    private static StudyProviderFacts UnknownFacts(string provider) =>
        new() { Provider = provider, DisplayName = provider, Approach = "reference", PricePerImageUsd = 0 };

    private static GroupStatistics Group(string provider, string? scenario, List<StudyShotResult> shots, StudyAnalysisOptions o)
    {
        List<StudyShotResult> ok = [.. shots.Where(s => s.Status == StudyStatuses.Succeeded)];
        List<StudyShotResult> timed = ok.Any(s => !s.Cached && s.LatencyMs is not null) ? [.. ok.Where(s => !s.Cached)] : ok;
        List<StudyShotResult> paid = ok.Any(s => !s.Cached && s.CostUsd is not null) ? [.. ok.Where(s => !s.Cached)] : ok;
        List<string> sim = [.. ok.Where(s => s.SimIdentity is not null).Select(s => s.SimIdentity!)];
        return new GroupStatistics
        {
            Provider = provider,
            Scenario = scenario,
            Shots = shots.Count,
            Moderated = shots.Count(s => s.Status == StudyStatuses.Moderated),
            Failed = shots.Count(s => s.Status != StudyStatuses.Succeeded && s.Status != StudyStatuses.Moderated),
            FaceDetection = RateSummary.Of([.. ok.Where(s => s.FaceDetected is not null).Select(s => s.FaceDetected!.Value)], o.Seed, o.Resamples),
            IdentityPass = RateSummary.Of([.. ok.Where(s => s.IdentityPass is not null).Select(s => s.IdentityPass!.Value)], o.Seed, o.Resamples),
            FaceDistance = Summary(ok.Select(s => s.FaceDistance), o),
            LatencyMs = Summary(timed.Select(s => s.LatencyMs), o),
            CostUsd = Summary(paid.Select(s => (double?)s.CostUsd), o),
            ClipI = Summary(ok.Select(s => s.ClipI), o),
            ClipT = Summary(ok.Select(s => s.ClipT), o),
            DinoI = Summary(ok.Select(s => s.DinoI), o),
            DinoICrop = Summary(ok.Select(s => s.DinoICrop), o),
            SelfConsistency = Summary(ok.Select(s => s.SelfConsistency), o),
            CopyPaste = ok.Count(s => s.CopyPaste == true),
            SimKept = sim.Count == 0 ? null : RateSummary.Of([.. sim.Select(v => v == "kept")], o.Seed, o.Resamples),
        };
    }

    private static SampleSummary Summary(IEnumerable<double?> values, StudyAnalysisOptions o) =>
        SampleSummary.Of([.. values.Where(v => v is not null && double.IsFinite(v.Value)).Select(v => v!.Value)], o.Seed, o.Resamples);
}
