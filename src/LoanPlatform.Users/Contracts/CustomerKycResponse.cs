using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>A customer's KYC review as staff see it: the identity data to check against the documents, and the documents.</summary>
public sealed record CustomerKycResponse(
    string UserId,
    string FullName,
    string Nik,
    DateOnly DateOfBirth,
    KycStatus Status,
    DateTimeOffset? SubmittedAt,
    AutomatedKycCheck? AutomatedCheck,
    KycDecision? Decision,
    IReadOnlyList<KycDocumentResponse> Documents);
