using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.Local;
using LoanPlatform.Users.Tests.Functional;

namespace LoanPlatform.Users.Tests.Contract;

/// <summary>The local file store, its signed URLs served by the Users app itself.</summary>
public sealed class LocalDocumentObjectStoreContractTests(UsersHost host) : DocumentObjectStoreContractTests, IClassFixture<UsersHost>
{
    protected override IDocumentObjectStore Store => host.GetRequiredService<LocalDocumentObjectStore>();

    protected override HttpClient Http => host.Anonymous;
}
