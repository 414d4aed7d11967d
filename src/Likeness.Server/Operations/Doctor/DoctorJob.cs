using Likeness.Server.Operations.Scheduling;

namespace Likeness.Server.Operations.Doctor;

/// <summary>The periodic doctor, one upkeep job for the whole cluster.</summary>
internal sealed class DoctorJob(ServerDoctor doctor, ILogger<DoctorJob> logger) : UpkeepJob(logger)
{
    /// <summary>The job's name in the upkeep group.</summary>
    public const string Name = "doctor";

    protected override string JobName => Name;

    protected override Task RunAsync(CancellationToken cancellationToken) => doctor.RunAsync("periodic", cancellationToken);
}
