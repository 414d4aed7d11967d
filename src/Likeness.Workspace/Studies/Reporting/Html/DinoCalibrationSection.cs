using System.Globalization;
using System.Text;
using Likeness.Core.Studies.Calibration;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>
/// DINO-I's own calibration beside the face threshold: genuine and impostor cosines, the separation d′ of each measure
/// (the face's too, so they can be compared), and the DINO-I a shot would need at the target false-accept rate.
/// </summary>
internal static class DinoCalibrationSection
{
    public static string Render(ReportContext c)
    {
        var html = new StringBuilder("<section id=\"dino-calibration\"><h2>Calibration of DINO-I beside the face</h2>");
        if (c.Analysis.DinoCalibration is not { } dino)
        {
            return html.Append("<p class=\"note\">DINO-I was not measured: no DINOv2 model is installed (<code>likeness models fetch dino</code>).</p></section>").ToString();
        }

        html.Append("<p class=\"note\">Same pairs as the face calibration: genuine = two references of one character, impostor = references of different characters. d′ is the gap between the genuine and impostor means in pooled standard deviations: the larger, the sharper the measure tells people apart. DINO-I's threshold is informative; verdicts come from the face.</p>");
        html.Append("<div class=\"panel\"><table><tr><th>measure</th><th class=\"num\">genuine mean</th><th class=\"num\">impostor mean</th><th class=\"num\">margin</th><th class=\"num\">d′</th><th class=\"num\">pairs genuine / impostor</th><th class=\"num\">pass at target FAR</th></tr>");
        if (c.Results.Calibration is { } face)
        {
            Separation s = Separation.Of(face.Genuine, face.Impostor, higherIsSame: false);
            string tau = c.Analysis.Calibration.Threshold is { } t ? $"distance ≤ {StudyFormat.Score(t)}" : "not calibrated";
            html.Append(Row($"face distance ({Esc(face.FaceAnalyzer)})", s, tau));
        }

        html.Append(Row($"DINO-I whole ({Esc(dino.Model)})", dino.WholeSeparation, Pass(dino.Whole)))
            .Append(Row("DINO-I crop", dino.CropSeparation, Pass(dino.Crop)))
            .Append("</table>");
        foreach (string note in dino.Whole.Notes.Concat(dino.Crop.Notes).Distinct())
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">⚠ DINO-I: {Esc(note)}</p>");
        }

        return html.Append("</div></section>").ToString();
    }

    private static string Pass(ThresholdCalibration calibration) =>
        DinoCalibration.CosineThreshold(calibration) is { } cosine ? $"DINO-I ≥ {StudyFormat.Score(cosine)}" : "not calibrated";

    private static string Row(string label, Separation s, string pass) => string.Create(
        CultureInfo.InvariantCulture,
        $"<tr><td>{label}</td><td class=\"num\">{Dash(s.GenuineMean)}</td><td class=\"num\">{Dash(s.ImpostorMean)}</td><td class=\"num\">{Dash(s.Margin)}</td><td class=\"num\">{(s.DPrime is { } d ? d.ToString("0.00", CultureInfo.InvariantCulture) : "–")}</td><td class=\"num\">{s.GenuineCount} / {s.ImpostorCount}</td><td class=\"num\">{pass}</td></tr>");

    private static string Dash(double? value) => value is null ? "–" : StudyFormat.Score(value);
}
