using LoanPlatform.Auth.Signing;
using LoanPlatform.BuildingBlocks.Security;

namespace LoanPlatform.Auth.Infrastructure;

/// <summary>Configuration section "Auth".</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>PBKDF2-HMAC-SHA256 iterations; OWASP's 2023 figure is 600,000.</summary>
    public int PasswordHashIterations { get; set; } = 600_000;

    /// <summary>Failed attempts within <see cref="FailureWindow"/> that lock the account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>The sliding window failures are counted in; an older failure no longer counts.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first lockout; each further failure over the limit within the window doubles it, up to <see cref="LockoutMax"/>.</summary>
    public TimeSpan LockoutBase { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest lock: minutes, not hours, so nobody can keep an owner out for long with a few guesses.</summary>
    public TimeSpan LockoutMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the unlock code emailed at a lock works.</summary>
    public TimeSpan UnlockCodeLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where the token-signing keys are: Key Vault in Azure, a local folder otherwise.</summary>
    public SigningKeyOptions SigningKey { get; set; } = new();

    /// <summary>Local keys: a new key is made when the newest is this old. In Key Vault the key's rotation policy decides.</summary>
    public TimeSpan SigningKeyRotation { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a new key is published before it signs; longer than the validators' JWKS refresh interval (JwtBearer
    /// refreshes on an unknown kid at most every 5 minutes), so no validator meets a kid it has not fetched.
    /// </summary>
    public TimeSpan SigningKeyActivationDelay { get; set; } = TimeSpan.FromMinutes(10);

    public SigningKeySchedule KeySchedule => new(SigningKeyActivationDelay, AccessTokenLifetime + PlatformTokenValidation.ClockSkew);
}
