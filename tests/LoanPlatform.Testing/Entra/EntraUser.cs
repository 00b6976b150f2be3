namespace LoanPlatform.Testing.Entra;

/// <summary>A member of the fake tenant: their object id, display name, sign-in name and app roles.</summary>
public sealed record EntraUser(string ObjectId, string Name, string Email, IReadOnlyList<string> Roles);
