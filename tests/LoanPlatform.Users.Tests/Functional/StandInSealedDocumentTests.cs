using LoanPlatform.Users.Objects;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Sealing on an object store stand-in: a Users app per test, configured with <see cref="SettingsAsync"/>.</summary>
public abstract class StandInSealedDocumentTests<TStore> : SealedDocumentTests, IAsyncLifetime
    where TStore : IDocumentObjectStore
{
    private UsersHost? host;

    protected override UsersHost Host => host!;

    /// <summary>Readies the stand-in (e.g. the container Bicep creates in Azure) and names the store's settings.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> SettingsAsync();

    public async Task InitializeAsync()
    {
        host = await UsersHost.StartAsync(await SettingsAsync());
        Assert.IsType<TStore>(host.GetRequiredService<IDocumentObjectStore>());
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
