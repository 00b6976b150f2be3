using LoanPlatform.BuildingBlocks.Indonesia;

namespace LoanPlatform.Users.Validation;

/// <summary>A registration that passed every rule, with values in their stored form (trimmed, lower-case email, E.164 phone).</summary>
public sealed record ValidRegistration(string FullName, string Email, string Phone, Nik Nik, DateOnly DateOfBirth, string Password, string ConsentVersion, string Language)
{
    // Keeps the password (and the record's NIK and phone) out of any accidental log line.
    public override string ToString() => $"{nameof(ValidRegistration)} {{ Email = {Email} }}";
}
