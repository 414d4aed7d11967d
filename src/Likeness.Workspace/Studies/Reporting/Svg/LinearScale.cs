namespace Likeness.Workspace.Studies.Reporting.Svg;

/// <summary>Maps a data range onto a pixel range, with "nice" tick values.</summary>
internal sealed record LinearScale(double DomainMin, double DomainMax, double RangeMin, double RangeMax)
{
    /// <summary>A scale over the values' extent padded to nice round ends; a flat or empty extent gets a unit span.</summary>
    public static LinearScale Nice(IEnumerable<double> values, double rangeMin, double rangeMax, bool fromZero = false)
    {
        double[] finite = [.. values.Where(double.IsFinite)];
        double min = finite.Length == 0 ? 0 : finite.Min();
        double max = finite.Length == 0 ? 1 : finite.Max();
        if (fromZero)
        {
            min = Math.Min(0, min);
        }

        if (max - min < 1e-12)
        {
            max = min + (min == 0 ? 1 : Math.Abs(min) * 0.1);
        }

        double step = Step(min, max);
        return new LinearScale(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, rangeMin, rangeMax);
    }

    public double Map(double value) =>
        RangeMin + ((value - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin));

    public IReadOnlyList<double> Ticks()
    {
        double step = Step(DomainMin, DomainMax);
        var ticks = new List<double>();
        for (double t = DomainMin; t <= DomainMax + (step * 1e-6); t += step)
        {
            ticks.Add(Math.Round(t / step) * step);
        }

        return ticks;
    }

    // About five ticks at 1, 2 or 5 × 10^k.
    private static double Step(double min, double max)
    {
        double raw = (max - min) / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double normalized = raw / magnitude;
        return (normalized < 1.5 ? 1 : normalized < 3.5 ? 2 : normalized < 7.5 ? 5 : 10) * magnitude;
    }
}
