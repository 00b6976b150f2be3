using Microsoft.IdentityModel.JsonWebTokens;

namespace LoanPlatform.Console.Identity;

/// <summary>
/// Who the API will see: the subject and roles of the officer's own API token. Entra ID gives each app its own pairwise
/// subject, so the console compares decisions and applicants with the token's subject, never its sign-in cookie's. The
/// token is only read here, for the screens' hints; the gateway and the services validate it on every call.
/// </summary>
public sealed record OfficerIdentity(string Subject, string Name, IReadOnlyList<string> Roles)
{
    public const string LoanOfficer = "LoanOfficer";
    public const string SeniorLoanOfficer = "SeniorLoanOfficer";
    public const string Auditor = "Auditor";
    public const string Admin = "Admin";

    /// <summary>Roles that decide loans and review KYC.</summary>
    public bool IsDecider => Roles.Any(r => r is LoanOfficer or SeniorLoanOfficer or Admin);

    public bool IsAuditor => Roles.Contains(Auditor);

    public static OfficerIdentity FromAccessToken(string accessToken)
    {
        var token = new JsonWebToken(accessToken);
        var subject = token.TryGetClaim("sub", out var sub) ? sub.Value : "";
        var name = token.TryGetClaim("name", out var display) ? display.Value
            : token.TryGetClaim("email", out var email) ? email.Value
            : token.TryGetClaim("preferred_username", out var username) ? username.Value
            : subject;
        return new OfficerIdentity(subject, name, token.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ToArray());
    }
}
