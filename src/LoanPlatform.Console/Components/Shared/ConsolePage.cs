using LoanPlatform.Console.Api;
using LoanPlatform.Console.Identity;
using LoanPlatform.Console.Preferences;
using Microsoft.AspNetCore.Components;

namespace LoanPlatform.Console.Components.Shared;

/// <summary>
/// What every signed-in screen shares: the officer's preferences, the API, who the API sees, and one way of turning a
/// failed call into a readable message (an API problem, or a session that has ended).
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter]
    protected OfficerPreferences Preferences { get; set; } = default!;

    [Inject]
    protected PlatformApi Api { get; set; } = default!;

    [Inject]
    protected IStaffTokenSource Tokens { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The last failure, shown by &lt;ProblemBar&gt;; null when the last call succeeded.</summary>
    protected string? Problem { get; set; }

    protected bool SignInRequired { get; private set; }

    protected string T(string key) => Preferences.T(key);

    /// <summary>The subject and roles of the officer's API token.</summary>
    protected async Task<OfficerIdentity> OfficerAsync() =>
        OfficerIdentity.FromAccessToken(await Tokens.GetAccessTokenAsync(await Api.CurrentUserAsync(), CancellationToken.None));

    /// <summary>Runs one API interaction; true when it succeeded, else <see cref="Problem"/> says why.</summary>
    protected async Task<bool> CallAsync(Func<Task> call)
    {
        try
        {
            await call();
            Problem = null;
            return true;
        }
        catch (ApiProblemException problem)
        {
            Problem = problem.Detail is null ? problem.Title : $"{problem.Title} {problem.Detail}";
        }
        catch (SignInRequiredException)
        {
            SignInRequired = true;
            Problem = T("session.ended");
        }
        catch (HttpRequestException)
        {
            Problem = T("api.unreachable");
        }
        catch (TaskCanceledException)
        {
            Problem = T("api.unreachable");
        }

        return false;
    }
}
