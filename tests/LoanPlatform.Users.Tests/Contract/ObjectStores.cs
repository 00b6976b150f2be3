using LoanPlatform.Users.Objects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Users.Tests.Contract;

/// <summary>Builds an object store from configuration exactly as the Users app does.</summary>
public static class ObjectStores
{
    /// <summary><paramref name="register"/> adds what a host would register itself (a credential, client options).</summary>
    public static IDocumentObjectStore Create(IDictionary<string, string?> settings, Action<IServiceCollection>? register = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);
        register?.Invoke(services);
        services.AddDocumentObjectStore(configuration, Path.Combine(Path.GetTempPath(), "loanplatform-objects", Guid.NewGuid().ToString("N")));
        return services.BuildServiceProvider().GetRequiredService<IDocumentObjectStore>();
    }
}
