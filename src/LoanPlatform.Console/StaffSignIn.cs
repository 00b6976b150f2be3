namespace LoanPlatform.Console;

public enum StaffSignIn
{
    /// <summary>The seeded local staff accounts, signed in with POST /auth/login (only the local host has them).</summary>
    Local,

    /// <summary>Entra ID by OpenID Connect; Microsoft.Identity.Web acquires the staff API's token for the officer.</summary>
    Entra,
}
