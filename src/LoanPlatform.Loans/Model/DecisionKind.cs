namespace LoanPlatform.Loans.Model;

public enum DecisionKind
{
    Approve,
    Reject,

    /// <summary>An officer sends the application back to the applicant for more information; the stage pauses.</summary>
    Refer,

    /// <summary>The applicant answers a referral; the stage resumes with a fresh SLA.</summary>
    ProvideInformation,

    /// <summary>The applicant withdraws before the final decision.</summary>
    Cancel,
}
