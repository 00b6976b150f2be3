namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>The roles tokens carry in their "roles" claim: customers from the Auth service, staff as Entra app roles.</summary>
public static class PlatformRoles
{
    public const string Customer = "Customer";
    public const string LoanOfficer = "LoanOfficer";
    public const string SeniorLoanOfficer = "SeniorLoanOfficer";
    public const string Auditor = "Auditor";
    public const string Admin = "Admin";

    /// <summary>A calling service, never a person; only internal endpoints accept it.</summary>
    public const string Service = "Service";

    public static readonly IReadOnlyList<string> Staff = [LoanOfficer, SeniorLoanOfficer, Auditor, Admin];

    public static readonly IReadOnlyList<string> Deciders = [LoanOfficer, SeniorLoanOfficer];
}
