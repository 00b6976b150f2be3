namespace LoanPlatform.Auth.Services;

/// <summary>Document type names inside the Auth service's container.</summary>
public static class AuthDocumentTypes
{
    public const string Credential = "credential";
    public const string RefreshSession = "refreshSession";
}
