using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Model;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Users.Services;

/// <summary>The problems the Users service answers with, so each type code is spelled in one place.</summary>
public static class UserProblems
{
    public static ProblemException Taken(UniqueField field) => field switch
    {
        UniqueField.Email => ProblemException.Conflict("email-taken", "This email address is already registered."),
        UniqueField.Phone => ProblemException.Conflict("phone-taken", "This phone number is already registered."),
        _ => ProblemException.Conflict("nik-taken", "This NIK is already registered."),
    };

    /// <summary>One answer for every failed verification: unknown email, no code, a wrong, spent or expired code.</summary>
    public static ProblemException InvalidVerificationCode() =>
        new(StatusCodes.Status400BadRequest, "invalid-verification-code", "The verification code is wrong or no longer valid; register again to get a new one.");

    public static ProblemException PreconditionRequired() =>
        new(StatusCodes.Status428PreconditionRequired, "precondition-required", "Send If-Match with the ETag you last read.");

    public static ProblemException StaleETag() =>
        new(StatusCodes.Status412PreconditionFailed, "stale-etag", "The resource was changed by someone else; read it again and retry.");

    public static ProblemException UploadNotValid(string reason) =>
        ProblemException.Conflict("upload-not-valid", "The uploaded document does not match what was declared.", reason);

    public static ProblemException DocumentRejected(string? reason) =>
        ProblemException.Conflict("document-rejected", "This document was rejected; request a new one.", reason);

    public static ProblemException TooManyDevices(int limit) =>
        ProblemException.Conflict("too-many-devices", $"At most {limit} devices can receive notifications; remove one first.");

    public static ProblemException ChangesNotYetAudited() =>
        new(StatusCodes.Status503ServiceUnavailable, "changes-not-yet-audited", "Recent changes could not be recorded in the audit trail yet; try again shortly.");

    public static ProblemException PushNotConfigured() =>
        new(StatusCodes.Status503ServiceUnavailable, "push-not-configured", "Push notifications are not configured on this platform.");

    public static ProblemException KycNotPending(KycStatus status) =>
        ProblemException.Conflict("kyc-not-pending-review", $"This customer's KYC is {status}, not waiting for a review decision.");

    public static ProblemException SamePerson(IReadOnlyList<string> sharedFields) =>
        ProblemException.Forbidden("same-person", "Nobody reviews the KYC of, or decides for, a customer who is the same person as themselves.",
            $"Your staff identity shares {string.Join(", ", sharedFields)} with this customer.");

    public static ProblemException StaffPersonNotLinked() =>
        ProblemException.Forbidden("staff-person-not-linked", "Your staff identity is not linked to a person yet, so it cannot be told apart from the customer; an Admin links it first.");
}
