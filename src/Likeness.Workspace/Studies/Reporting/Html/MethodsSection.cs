namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>What each number means and, as importantly, what it does not.</summary>
internal static class MethodsSection
{
    public static string Render(ReportContext c) => $"""
        <section id="methods" class="methods"><h2>Methods: what the numbers mean and do not mean</h2><dl>
        <dt>Face distance (the identity measure)</dt>
        <dd>The face engine finds the largest face in the shot, aligns it, computes a 128-number descriptor and takes the Euclidean distance to the descriptor of each of the character's references. <b>face_distance</b> is the mean over references, <b>face_distance_min</b> the closest one. Lower is more alike. It measures the face only: hair, outfit and body are not checked.</dd>
        <dt>Identity pass</dt>
        <dd>A shot passes when its <i>mean</i> face distance is ≤ τ. The mean, not the min: τ is calibrated on distances between single pairs of photos, while the min over several references is biased low (a character with more references would pass more easily). A successful shot in which no face is found <b>fails</b> (the identity is not shown; this is the hidden failure of wide and profile shots); a failed generation is counted separately and has no verdict.</dd>
        <dt>Calibration</dt>
        <dd>τ is chosen from the data instead of a magic number: among the observed genuine and impostor distances, the largest one at which the share of impostor pairs accepted is ≤ the target false-accept rate ({StudyFormat.Percent(c.Analysis.Calibration.TargetFalseAcceptRate)}). With n impostor pairs the smallest measurable non-zero FAR is 1/n; below that the rule keeps every impostor out and the upper 95 % (Wilson) bound says what the sample can vouch for. Without samples the fallback τ (the face-api/dlib 0.6 convention) is used and marked.</dd>
        <dt>Face detection rate</dt>
        <dd>The share of successful, face-scored shots in which a face was found. A low rate in wide shots says the face was too small to check, not that the identity was lost.</dd>
        <dt>CLIP-I and CLIP-T</dt>
        <dd>CLIP-I is the mean cosine between the CLIP image embeddings of the shot and the references; CLIP-T the cosine between the shot and the scene text. <b>CLIP-I is not an identity metric</b>: it rewards matching background, pose, layout and colour and ignores fine facial identity (DreamBooth §4.1). Real photos of one subject reach only about 0.885, so a "> 0.95 CLIP" target rewards copy-paste and rejects good shots. CLIP-T measures prompt fidelity, which trades off against identity. Both are empty when no CLIP model is installed.</dd>
        <dt>DINO-I (whole frame and character crop)</dt>
        <dd>The cosine between the DINOv2 embeddings (the final LayerNorm of the class token, the measure DreamBench prefers for subject fidelity) of the shot and of each reference: <b>dino_i</b> is the mean over references on the whole frame, <b>dino_i_crop</b> the mean on the character crop (the face box grown to 3 face widths and 6 face heights below the face's top, clamped; the whole frame when no face is found), each with its maximum. Higher is more alike. It sees what the face engine does not (hair, outfit, body, accessories, and characters whose faces no face model finds: stylised, masked, seen from behind), but it also sees background, pose and lighting, and it is <b>not a face-identity measure</b>: two different people in the same outfit and setting can score higher than one person in two settings. Its own calibration (genuine = two references of one character, impostor = references across the cast) is shown beside the face threshold, with d′ for both; it decides no verdict. Empty when no DINOv2 model is installed.</dd>
        <dt>Copy-paste guard</dt>
        <dd>A shot whose whole-frame similarity to its nearest reference is very high is flagged COPY: it "keeps" the identity by reproducing a reference's pose and framing, which a scene change should not do. Flagged shots still get a face verdict; read them with suspicion.</dd>
        <dt>Self-consistency</dt>
        <dd>The mean face distance between a shot and the other shots of the same character, provider and scenario: whether the provider is consistent with itself, next to how close it is to the references.</dd>
        <dt>Statistics</dt>
        <dd>Means with the sample standard deviation (n − 1). 95 % intervals are percentile bootstraps of the mean (10 000 resamples, fixed seed, so a report regenerates identically); pass rates also carry the Wilson score interval, which stays sensible at 0 % and 100 %. Pairwise differences use Welch's t-test (exact Student t p-value with Welch–Satterthwaite degrees of freedom) and a two-sided permutation test; p-values are Holm-corrected within each metric. Shots of one provider share characters and scenarios and are not fully independent, and with a few shots per cell every interval is wide: <b>small samples decide little</b>, and "not shown" is not "the same".</dd>
        <dt>Scorecard</dt>
        <dd>Consistency = the identity pass rate. Training time, latency and cost score 1 / (1 + x / half), where "half" (15 min of training, 10 s per shot, $0.05 per image with training spread over 100 generations) scores 0.5; no training scores 1. Integration and browser compatibility are 0–1 ratings, opinions rather than measurements: from the study file (marked study file), else from the per-provider default table of docs/studies.md (marked default table), else 0.5 (marked default). Total = Σ weight × score over the criteria with data, divided by their weights.</dd>
        <dt>Simulated outputs</dt>
        <dd>Profiles named <code>sim-*</code> are the offline simulator: it re-frames the character's own photos, or another person's when a shot "drifts", with a configured probability. Their latency and cost are models of real providers. They prove that the pipeline measures what it should (the measured pass rate should match the configured fidelity) and say nothing about any real provider.</dd>
        </dl></section>
        """;
}
