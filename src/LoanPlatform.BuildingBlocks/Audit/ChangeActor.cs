using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Security;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>Who made a state change, as its audit record names them: a subject id and the role they acted in.</summary>
public sealed record ChangeActor(string Id, string Role)
{
    public const string SystemRole = "System";

    public const string AnonymousRole = "Anonymous";

    /// <summary>A background job of this service (a trigger, a timer), named so an auditor can tell which.</summary>
    public static ChangeActor System(string job) => new($"system:{job}", SystemRole);

    /// <summary>
    /// An unauthenticated caller whose request changed an account it named (a login that locked it): recorded under that
    /// account's subject, so the change is found with the account, and in a role that says the caller was not proven to be it.
    /// </summary>
    public static ChangeActor Anonymous(string claimedSubject) => new(claimedSubject, AnonymousRole);

    /// <summary>The signed-in caller: their subject and roles (a customer when the token names none).</summary>
    public static ChangeActor Of(ClaimsPrincipal user)
    {
        var roles = user.FindAll(PlatformClaims.Roles).Select(role => role.Value).ToArray();
        return new(user.GetSubject(), roles.Length == 0 ? PlatformRoles.Customer : string.Join(",", roles));
    }
}
