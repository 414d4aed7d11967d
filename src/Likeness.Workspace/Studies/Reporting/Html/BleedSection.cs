using System.Globalization;
using System.Text;
using Likeness.Core.Studies.Bleed;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>
/// Two-character scenarios: per provider, how often the shots bled (with the Wilson interval) and how, beside the
/// identity pass of the shot's own character and, for simulated shots, the check against the simulator's ground
/// truth; then the providers that could not make such shots (not run, not charged).
/// </summary>
internal static class BleedSection
{
    public static bool Any(ReportContext c) => c.Analysis.Bleed.Count > 0 || c.Results.NotApplicable.Count > 0;

    public static string Render(ReportContext c)
    {
        if (!Any(c))
        {
            return string.Empty;
        }

        var html = new StringBuilder("<section id=\"bleed\"><h2>Two characters in one shot</h2>");
        html.Append("<p class=\"note\">A two-character scenario puts another character in the frame (<code>with:</code>). Every face found is matched to the project's calibrated cast, and a shot bleeds when one character shows twice, one is missing, or a face could be either of two (both under their thresholds, or within a margin of each other). Bled is the share of judged shots that bled, with its 95 % Wilson interval; identity is the shot's own character, by the face closest to it, against the study's threshold. Where the simulator recorded who each slot shows, its ground truth checks the flags.</p>");
        if (c.Analysis.Bleed.Count > 0)
        {
            html.Append("<table><tr><th>scenario</th><th>with</th><th>provider</th><th class=\"num\">shots</th><th class=\"num\">bled</th><th class=\"num\">twice</th><th class=\"num\">missing</th><th class=\"num\">ambiguous</th><th class=\"num\">identity</th><th>against the ground truth</th></tr>");
            foreach (BleedStatistics b in c.Analysis.Bleed)
            {
                string truth = b.Truth is { } t
                    ? $"bled: {t.FlaggedBled} flagged, {t.MissedBled} missed; clean: {t.PassedClean} passed, {t.FlaggedClean} flagged"
                    : "–";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Esc(b.Scenario)}</td><td>{Esc(string.Join(", ", b.With))}</td><td>{Esc(c.Name(b.Provider))}</td><td class=\"num\">{b.Shots}</td><td class=\"num\">{Rate(b.Bled)}{Ci(b.Bled.WilsonCi95, StudyFormat.Percent)}</td><td class=\"num\">{b.Duplicated}</td><td class=\"num\">{b.Missing}</td><td class=\"num\">{b.Ambiguous}</td><td class=\"num\">{Rate(b.IdentityPass)}</td><td>{Esc(truth)}</td></tr>");
            }

            html.Append("</table>");
        }

        if (c.Results.NotApplicable.Count > 0)
        {
            html.Append("<h3>Not applicable</h3><ul>");
            foreach (StudyNotApplicable n in c.Results.NotApplicable)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><b>{Esc(c.Name(n.Provider))}</b> · {Esc(n.Scenario)}: {Esc(n.Reason)} Not run, not charged.</li>");
            }

            html.Append("</ul>");
        }

        return html.Append("</section>").ToString();
    }
}
