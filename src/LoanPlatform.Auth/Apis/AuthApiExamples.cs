using LoanPlatform.Auth.Model;

namespace LoanPlatform.Auth.Apis;

/// <summary>Example bodies for the Auth API's OpenAPI document, with the customer the tests sign in as.</summary>
internal static class AuthApiExamples
{
    public static readonly TokenResponse Tokens = new(
        "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjUtMDEtMDEiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiI5ZjNjMmE3YiJ9.c2lnbmF0dXJl",
        "8Yq0mR3tXw2vL9nB4kJ7hD1sF6gA5cE0",
        900);
}
