namespace Likeness.Workspace.Audit;

/// <summary>The audit log's actions (stable names: clients filter on them).</summary>
public static class AuditActions
{
    /// <summary>A paid call was charged (its amount is the charge).</summary>
    public const string PaidCallCharged = "paid-call-charged";

    /// <summary>A paid call was refunded (it failed, or never reached the provider).</summary>
    public const string PaidCallRefunded = "paid-call-refunded";

    /// <summary>A member was added.</summary>
    public const string MemberAdded = "member-added";

    /// <summary>A member's role changed.</summary>
    public const string MemberRoleChanged = "member-role-changed";

    /// <summary>A member was removed.</summary>
    public const string MemberRemoved = "member-removed";

    /// <summary>A member's credit allowance was set.</summary>
    public const string CreditsSet = "credits-set";
}
