using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core;
using Likeness.Core.Accounts;
using Likeness.Workspace;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Members;

/// <summary>
/// <c>likeness member credits USER [--allowance USD | --unlimited] [--period day|week|month] [--project ID]</c>: a
/// member's credit allowance on the server, set as the local owner (the CLI's own paid calls are not held by credits).
/// </summary>
internal static class MemberCommand
{
    public static Command Create() => new("member", "Manage members of the server's projects.") { CreditsCommand() };

    private static Command CreditsCommand()
    {
        var user = new Argument<string>("USER") { Description = "The member's sign-in name." };
        var allowance = new Option<decimal?>("--allowance") { Description = "USD the member may spend per period." };
        var unlimited = new Option<bool>("--unlimited") { Description = "Remove the member's credit limit (only the budget holds them)." };
        var period = new Option<string>("--period") { Description = "day, week or month: when the allowance starts afresh (UTC).", DefaultValueFactory = _ => "month" };
        var project = new Option<Guid?>("--project") { Description = "The project's id (default: the default project)." };
        var command = new Command("credits", "Show or set a member's credit allowance per period.") { user, allowance, unlimited, period, project };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            CreditBook credits = workspace.Services.GetRequiredService<CreditBook>();
            User member = await workspace.Services.GetRequiredService<UserBook>().FindAsync(parse.GetValue(user)!, ct).ConfigureAwait(false);
            Guid projectId = parse.GetValue(project) ?? (await workspace.Services.GetRequiredService<ProjectBook>().DefaultAsync(ct).ConfigureAwait(false)).Id;
            MemberCredit? credit;
            if (parse.GetValue(allowance) is not null || parse.GetValue(unlimited))
            {
                if (parse.GetValue(allowance) is not null && parse.GetValue(unlimited))
                {
                    throw new InvalidInputException("Give --allowance or --unlimited, not both.", "allowance");
                }

                CreditPeriod every = CreditPeriods.Parse(parse.GetValue(period), "period");
                credit = await credits.SetAsync(projectId, member.Id, parse.GetValue(allowance), every, null, ct).ConfigureAwait(false);
            }
            else
            {
                credit = await credits.GetAsync(projectId, member.Id, ct).ConfigureAwait(false);
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(Describe(member, credit)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(User member, MemberCredit? credit) =>
        credit?.AllowanceUsd is not { } allowance
            ? $"{member.Name}: no credit limit{(credit is null ? "" : $"; {Usd(credit.UsedUsd)} used this {Name(credit.Period)}")}."
            : $"{member.Name}: {Usd(allowance)} per {Name(credit.Period)} (since {credit.LastReset:yyyy-MM-dd}): {Usd(credit.UsedUsd)} used, {Usd(credit.ReservedUsd)} held, {Usd(credit.RemainingUsd ?? 0)} left.";

    private static string Usd(decimal value) => "$" + value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Name(CreditPeriod period) => period.ToString().ToLowerInvariant();
}
