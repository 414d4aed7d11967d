namespace Likeness.Server.Jobs.Scheduling;

/// <summary>
/// The background job engine's settings (<c>Likeness:Jobs</c>): how many jobs this node runs at once, how late a
/// trigger may fire before it counts as misfired, how often a node tells the cluster it is alive, and how often a
/// training is polled. Validated at start-up.
/// </summary>
public sealed class JobsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Likeness:Jobs";

    /// <summary>Jobs this node runs at once (Quartz's thread pool).</summary>
    public int ThreadCount { get; set; } = 4;

    /// <summary>How late a trigger may fire before Quartz applies its misfire instruction.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often this node checks in with the cluster; a node silent for longer (plus the same again) is taken as dead and its jobs recovered.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How often a job that waits on a provider (a training) asks it again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a progress stream reads its job again for changes made on another node (this node's wake it at once).</summary>
    public TimeSpan StreamRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the doctor reconciles the books (on one node of the cluster at a time); it also runs at every start.</summary>
    public TimeSpan DoctorInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a stopping node waits for its running job steps to finish before it goes anyway (the host's shutdown
    /// timeout); a step cut off then is recovered by another node or at the next start (jobs are resumable).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This node's name in the cluster; empty makes a unique one.</summary>
    public string? NodeId { get; set; }

    /// <summary>Throws with a message that names the setting to fix.</summary>
    public void Validate()
    {
        if (ThreadCount is < 1 or > 64)
        {
            throw new ArgumentException($"{Section}:ThreadCount must be between 1 and 64 (it is {ThreadCount}).");
        }

        if (MisfireThreshold < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{Section}:MisfireThreshold must be at least one second (it is {MisfireThreshold}).");
        }

        if (CheckinInterval < TimeSpan.FromMilliseconds(100) || CheckinInterval > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"{Section}:CheckinInterval must be between 100 ms and 5 minutes (it is {CheckinInterval}).");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(50) || PollInterval > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"{Section}:PollInterval must be between 50 ms and 10 minutes (it is {PollInterval}).");
        }

        if (DoctorInterval < TimeSpan.FromMilliseconds(100) || DoctorInterval > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"{Section}:DoctorInterval must be between 100 ms and 1 day (it is {DoctorInterval}).");
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(30))
        {
            throw new ArgumentException($"{Section}:ShutdownTimeout must be between 0 and 30 minutes (it is {ShutdownTimeout}).");
        }

        if (StreamRefresh < TimeSpan.FromMilliseconds(50) || StreamRefresh > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"{Section}:StreamRefresh must be between 50 ms and 1 minute (it is {StreamRefresh}).");
        }
    }
}
