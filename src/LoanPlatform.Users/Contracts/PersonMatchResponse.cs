namespace LoanPlatform.Users.Contracts;

/// <summary>
/// Whether a staff member is the same person as a customer (shares their NIK, email or phone), for the Loans service's
/// decision rules. <see cref="StaffLinked"/> is false when no person is on record for the staff id: then nobody can tell.
/// </summary>
public sealed record PersonMatchResponse(bool StaffLinked, bool SamePerson, IReadOnlyList<string> SharedFields);
