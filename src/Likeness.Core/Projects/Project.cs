namespace Likeness.Core.Projects;

/// <summary>A production (film, game, series): it owns characters and the cost ledger they spend from.</summary>
public sealed class Project
{
    /// <summary>The name of the project every workspace starts with.</summary>
    public const string DefaultName = "default";

    private Project()
    {
        Name = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>Unique name.</summary>
    public string Name { get; private set; }

    /// <summary>Spending cap in USD; null means no cap.</summary>
    public decimal? BudgetUsd { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Creates a project.</summary>
    public static Project Create(string name, decimal? budgetUsd, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (budgetUsd < 0)
        {
            throw new InvalidInputException("A budget cannot be negative.", "budget");
        }

        return new Project { Id = Guid.CreateVersion7(time.GetUtcNow()), Name = name.Trim(), BudgetUsd = budgetUsd, CreatedAt = time.GetUtcNow() };
    }

    /// <summary>Changes the cap (null removes it).</summary>
    public void SetBudget(decimal? budgetUsd)
    {
        if (budgetUsd < 0)
        {
            throw new InvalidInputException("A budget cannot be negative.", "budget");
        }

        BudgetUsd = budgetUsd;
    }
}
