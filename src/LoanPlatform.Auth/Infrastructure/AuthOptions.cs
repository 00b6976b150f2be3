namespace LoanPlatform.Auth.Infrastructure;

/// <summary>Configuration section "Auth".</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>PBKDF2-HMAC-SHA256 iterations; OWASP's 2023 figure is 600,000.</summary>
    public int PasswordHashIterations { get; set; } = 600_000;

    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>The first lockout; each further failure while over the limit doubles it.</summary>
    public TimeSpan LockoutBase { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The local signing key's PEM file; generated on first run. In Azure the key comes from Key Vault.</summary>
    public string? SigningKeyPath { get; set; }
}
