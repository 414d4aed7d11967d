using System.Globalization;
using System.Net;
using System.Text;

namespace Likeness.Workspace.Studies.Reporting.Svg;

/// <summary>A tiny inline-SVG writer: shapes and text with invariant numbers and escaped text, nothing else.</summary>
internal sealed class SvgCanvas(double width, double height, string label)
{
    private readonly StringBuilder _body = new();

    public double Width => width;

    public double Height => height;

    public SvgCanvas Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null) =>
        Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>");

    public SvgCanvas Rect(double x, double y, double w, double h, string fill, string? title = null, double opacity = 1) =>
        Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, w))}\" height=\"{N(Math.Max(0, h))}\" fill=\"{fill}\"{(opacity < 1 ? $" fill-opacity=\"{N(opacity)}\"" : "")}>{Title(title)}</rect>");

    public SvgCanvas Circle(double cx, double cy, double r, string fill, string? title = null, double opacity = 1) =>
        Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\"{(opacity < 1 ? $" fill-opacity=\"{N(opacity)}\"" : "")}>{Title(title)}</circle>");

    public SvgCanvas Polyline(IEnumerable<(double X, double Y)> points, string stroke, double strokeWidth = 2) =>
        Append($"<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\" stroke-linejoin=\"round\" points=\"{string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)))}\"/>");

    public SvgCanvas Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#444", bool bold = false) =>
        Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{fill}\"{(bold ? " font-weight=\"600\"" : "")}>{WebUtility.HtmlEncode(text)}</text>");

    /// <summary>Text turned a quarter left around its anchor (for vertical axis captions).</summary>
    public SvgCanvas VerticalText(double x, double y, string text, double size = 12, string fill = "#444") =>
        Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" transform=\"rotate(-90 {N(x)} {N(y)})\" text-anchor=\"middle\" font-size=\"{N(size)}\" fill=\"{fill}\">{WebUtility.HtmlEncode(text)}</text>");

    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\" font-family=\"system-ui,sans-serif\">{_body}</svg>";

    private static string Title(string? title) => title is null ? string.Empty : $"<title>{WebUtility.HtmlEncode(title)}</title>";

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private SvgCanvas Append(string element)
    {
        _body.Append(element);
        return this;
    }
}
