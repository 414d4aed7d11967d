using System.Globalization;
using System.Text;
using Likeness.Core.Studies.Calibration;
using Likeness.Workspace.Studies.Reporting.Charts;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>How the threshold was chosen: the genuine/impostor distributions and the FAR/FRR curves.</summary>
internal static class CalibrationSection
{
    public static string Render(ReportContext c)
    {
        ThresholdCalibration cal = c.Analysis.Calibration;
        var html = new StringBuilder("<section id=\"calibration\"><h2>Calibration: where the pass line sits</h2>");
        html.Append("<p class=\"note\">Genuine pairs are two reference photos of the same character; impostor pairs are a reference against a different person (a distractor identity or another character). The threshold τ is the largest observed distance at which the share of impostors accepted (FAR) stays within the target.</p>");
        html.Append("<div class=\"panel\"><table><tr><th>threshold τ</th><th>calibrated</th><th>target FAR</th><th>FAR at τ</th><th>FAR upper 95 %</th><th>FRR at τ</th><th>genuine / impostor pairs</th><th>face analyser</th></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><td><b>{(cal.Threshold is { } tau ? StudyFormat.Score(tau) : "none")}</b></td><td>{(cal.Calibrated ? "yes" : Badge("warn", "not calibrated"))}</td><td>{StudyFormat.Percent(cal.TargetFalseAcceptRate)}</td><td>{StudyFormat.Percent(cal.FalseAcceptRate)}</td><td>{StudyFormat.Percent(cal.FalseAcceptRateUpper95)}</td><td>{StudyFormat.Percent(cal.FalseRejectRate)}</td><td>{cal.GenuineCount} / {cal.ImpostorCount}</td><td>{Esc(cal.FaceAnalyzer ?? "–")}</td></tr></table>");
        foreach (string note in cal.Notes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">⚠ {Esc(note)}</p>");
        }

        html.Append("</div>");
        if (cal.Calibrated && c.Results.Calibration is { } samples)
        {
            html.Append("<div class=\"charts\"><div class=\"chart\"><h4>Genuine vs impostor distances</h4>")
                .Append(HistogramChart.Render(samples.Genuine, samples.Impostor, cal.Threshold!.Value))
                .Append("</div><div class=\"chart\"><h4>Error rates against the threshold</h4>")
                .Append(CalibrationChart.Render(cal))
                .Append("</div></div>");
        }

        return html.Append("</section>").ToString();
    }
}
