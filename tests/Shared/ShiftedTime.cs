namespace Likeness.Testing;

/// <summary>
/// A clock that runs at the system clock's pace from a chosen instant and that tests move forward by hand: for a
/// server that must keep moving on its own (a client polls it) while the test skips an hour of retention at once.
/// </summary>
internal sealed class ShiftedTime : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Starts at the system clock's now.</summary>
    public ShiftedTime()
        : this(TimeProvider.System.GetUtcNow())
    {
    }

    /// <summary>Starts at <paramref name="start"/> and runs on from there.</summary>
    public ShiftedTime(DateTimeOffset start) => _offsetTicks = (start - TimeProvider.System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward at once.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
