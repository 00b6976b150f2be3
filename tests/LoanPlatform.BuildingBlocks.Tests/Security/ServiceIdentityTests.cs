using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Testing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LoanPlatform.BuildingBlocks.Tests.Security;

/// <summary>How a service proves itself to another: a managed-identity token in Azure, a locally signed one on one machine.</summary>
public sealed class ServiceIdentityTests
{
    [Fact]
    public async Task In_Azure_the_managed_identity_is_asked_for_a_token_to_the_internal_api_audience()
    {
        var credential = new StaticTokenCredential("entra-service-token");
        var provider = new ManagedIdentityServiceTokenProvider(credential, Options.Create(new ServiceIdentityOptions
        {
            Mode = ServiceIdentityMode.ManagedIdentity,
            Audience = "api://loanplatform-internal/",
        }));

        var token = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("entra-service-token", token);
        Assert.Equal(["api://loanplatform-internal/.default"], credential.RequestedScopes);
    }

    [Fact]
    public async Task Locally_a_short_lived_service_token_names_the_calling_service_and_is_reused_until_near_expiry()
    {
        var keyFolder = Path.Combine(Path.GetTempPath(), "service-identity-" + Guid.NewGuid().ToString("N"));
        var options = Options.Create(new ServiceIdentityOptions { Mode = ServiceIdentityMode.Local, KeyFolder = keyFolder, ServiceName = "loans" });
        var provider = new LocalServiceTokenProvider(options, TimeProvider.System);

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        var token = new JsonWebToken(first);
        Assert.Equal(first, second);
        Assert.Equal(ServiceIdentityDefaults.LocalIssuer, token.Issuer);
        Assert.Equal("loans", token.Subject);
        // Signed with the Loans service's own key, named by its kid: the validator binds the subject to it.
        Assert.Equal("loans", token.Kid);
        Assert.True(File.Exists(Path.Combine(keyFolder, "loans.pem")));
        Assert.Equal(PlatformRoles.Service, token.GetClaim(PlatformClaims.Roles).Value);
        Assert.InRange(token.ValidTo - token.ValidFrom, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
        Directory.Delete(keyFolder, recursive: true);
    }
}
