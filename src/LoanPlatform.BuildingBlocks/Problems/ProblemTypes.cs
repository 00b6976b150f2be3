namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>Where problem type codes are published, so every service writes the same absolute URIs.</summary>
public static class ProblemTypes
{
    public const string BaseUri = "https://loanplatform.dev/problems/";

    public static string Uri(string code) => BaseUri + code;
}
