namespace LoanPlatform.Loans.Domain;

/// <summary>The Users service's answer whether a staff member is the applicant's own person (shared NIK, email or phone).</summary>
public sealed record PersonMatch(bool StaffLinked, bool SamePerson, IReadOnlyList<string> SharedFields);
