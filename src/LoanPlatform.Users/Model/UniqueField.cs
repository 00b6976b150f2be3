namespace LoanPlatform.Users.Model;

/// <summary>The profile values no two users may share.</summary>
public enum UniqueField
{
    Email,
    Phone,
    Nik,
}
