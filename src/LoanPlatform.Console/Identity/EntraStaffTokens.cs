using System.Security.Claims;
using Microsoft.Identity.Client;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace LoanPlatform.Console.Identity;

/// <summary>In Azure: the staff API's token for the officer, acquired on their behalf by Microsoft.Identity.Web (token cache per user).</summary>
public sealed class EntraStaffTokens(ITokenAcquisition tokens, IOptions<ConsoleOptions> options) : IStaffTokenSource
{
    public async Task<string> GetAccessTokenAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.GetAccessTokenForUserAsync([options.Value.ApiScope ?? throw new InvalidOperationException("Console:ApiScope is not configured.")], user: user);
        }
        catch (MicrosoftIdentityWebChallengeUserException)
        {
            throw new SignInRequiredException();
        }
        catch (MsalUiRequiredException)
        {
            throw new SignInRequiredException();
        }
    }
}
