using Microsoft.AspNetCore.Builder;

namespace LoanPlatform.LocalHost.Services;

/// <summary>
/// One service as the local host wires it: its settings beyond the common ones, its registrations, its routes and what
/// runs once it listens. <see cref="LocalPlatform"/> starts each the same way, in the order given.
/// </summary>
public sealed record LocalService(
    string Name,
    Action<Dictionary<string, string?>> Configure,
    Func<WebApplicationBuilder, Task> AddAsync,
    Action<WebApplication> Map,
    Func<WebApplication, Task>? StartedAsync = null);
