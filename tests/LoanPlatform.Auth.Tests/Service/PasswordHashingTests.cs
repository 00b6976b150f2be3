using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Auth.Tests.Service;

public sealed class PasswordHashingTests
{
    [Fact]
    public async Task Without_configuration_passwords_are_hashed_with_at_least_600000_PBKDF2_iterations()
    {
        await using var auth = await AuthServiceHost.StartAsync();
        var stored = auth.Services.GetRequiredService<PasswordHasher>().Hash(AuthServiceHost.Password);

        // The stored form is "pbkdf2-sha256${iterations}${salt}${hash}": the cost actually used, not just the setting.
        var parts = stored.Split('$');
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.True(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) >= 600_000, stored);
    }
}
