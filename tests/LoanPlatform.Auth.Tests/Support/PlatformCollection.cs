namespace LoanPlatform.Auth.Tests.Support;

/// <summary>The test classes that share one running platform; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<AuthPlatformFixture>
{
    public const string Name = "platform";
}
