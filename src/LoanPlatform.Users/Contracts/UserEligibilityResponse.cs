namespace LoanPlatform.Users.Contracts;

/// <summary>What the Loans service needs to score an application, and nothing more.</summary>
public sealed record UserEligibilityResponse(string UserId, bool KtpVerified, DateOnly DateOfBirth, int? NikProvinceCode);
