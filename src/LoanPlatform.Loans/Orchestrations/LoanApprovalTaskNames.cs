namespace LoanPlatform.Loans.Orchestrations;

/// <summary>
/// The names the orchestration and its activities are registered under, in both hosts: the Function app's
/// [Function] attributes and the local DurableTaskRegistry use these same constants.
/// </summary>
public static class LoanApprovalTaskNames
{
    public const string Orchestration = "LoanApprovalOrchestration";
    public const string ScoreApplication = "ScoreApplication";
    public const string OpenStage = "OpenStage";
    public const string FindRecordedDecision = "FindRecordedDecision";
    public const string ApplyDecision = "ApplyDecision";
    public const string EscalateStage = "EscalateStage";
    public const string ExpireApplication = "ExpireApplication";
    public const string CompleteApproval = "CompleteApproval";

    public static readonly IReadOnlyList<string> Activities = [ScoreApplication, OpenStage, FindRecordedDecision, ApplyDecision, EscalateStage, ExpireApplication, CompleteApproval];

    /// <summary>One event name per stage and wait round: a cancelled wait in the isolated SDK can still swallow a later event of the same name.</summary>
    public static string DecisionEvent(int stageIndex, int waitRound) => $"decision-s{stageIndex}-r{waitRound}";
}
