namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>Claim names as they appear in the JWTs (inbound claim mapping is off, so these are the raw names).</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Roles = "roles";
    public const string Email = "email";
    public const string Name = "name";
    public const string SessionId = "sid";

    /// <summary>When the user last proved their password (OpenID Connect auth_time, seconds since the epoch); refreshes keep it.</summary>
    public const string AuthTime = "auth_time";

    /// <summary>Entra ID's object id of the signed-in user: the same in every app's tokens, and what an Admin sees in the directory.</summary>
    public const string ObjectId = "oid";
}
