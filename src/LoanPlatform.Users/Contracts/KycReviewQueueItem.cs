using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>One customer waiting in the KYC review queue, with the provider's answer if one checked.</summary>
public sealed record KycReviewQueueItem(string UserId, string FullName, KycStatus Status, DateTimeOffset? SubmittedAt, AutomatedKycCheck? AutomatedCheck);
