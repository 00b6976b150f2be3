namespace LoanPlatform.Testing.Platform.CrashDrill;

/// <summary>What the drill means to do with one loan: the commands it sends and the final status they must lead to.</summary>
public enum DrillPlan
{
    Approve,
    Reject,
    Cancel,

    /// <summary>Referred back to the applicant, answered, then approved.</summary>
    ReferAnswerApprove,
}

/// <summary>
/// One customer in the drill, waiting for identity review at first: the KYC decision on them, then their loan, and every
/// command the platform acknowledged (answered 2xx) for it.
/// </summary>
public sealed class DrillLoan(PlatformClient.Customer customer, DrillPlan plan, long amount)
{
    public PlatformClient.Customer Customer { get; set; } = customer;

    public DrillPlan Plan { get; } = plan;

    public long Amount { get; } = amount;

    /// <summary>Kept for every try, so a retry after a crash is the same request.</summary>
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString();

    /// <summary>The customer's identity review was decided: answered 200, or refused later because a lost answer had decided it.</summary>
    public bool KycDecided { get; set; }

    /// <summary>Whether the platform answered 200 to the KYC decision (false when only a retry found it taken).</summary>
    public bool KycAcknowledged { get; set; }

    public string? LoanId { get; set; }

    public string? FinalStatus { get; set; }

    /// <summary>History entry name → how many commands meant to cause one were acknowledged.</summary>
    public Dictionary<string, int> Acknowledged { get; } = [];

    public int AcknowledgedCount => Acknowledged.Values.Sum();

    public string ExpectedStatus => Plan switch
    {
        DrillPlan.Reject => "rejected",
        DrillPlan.Cancel => "cancelled",
        _ => "approved",
    };
}
