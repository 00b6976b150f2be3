using LoanPlatform.Users.Contracts;

namespace LoanPlatform.Users.Apis;

/// <summary>Example bodies for the Users API's OpenAPI document: the customer of the tests and the README walk-through.</summary>
internal static class UsersApiExamples
{
    public const string UserId = "9f3c2a7b5d8e4f1a";

    public static readonly RegisterUserRequest Registration = new(
        "Siti Rahayu", "siti@example.com", "081234567890", "3171074506900001", "1990-06-05", "correct-horse-battery",
        new ConsentRequest(true, "2025-01"), "id");

    public static readonly RequestDocumentRequest KtpUpload = new(
        "ktp", "image/jpeg", 48213, "9b74c9897bac770ffc029102a200c5de4e2f3d5c7c2f6a1e1c9d5b1e0a6f8c2d");
}
