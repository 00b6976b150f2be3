namespace LoanPlatform.Console.Identity;

/// <summary>The console holds no usable token for the officer any more; the screens offer to sign in again.</summary>
public sealed class SignInRequiredException() : Exception("Sign in again: the session has ended.");
