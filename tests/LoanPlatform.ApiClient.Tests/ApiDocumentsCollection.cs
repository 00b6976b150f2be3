namespace LoanPlatform.ApiClient.Tests;

/// <summary>One platform and one set of downloaded documents for every test class of this project.</summary>
[CollectionDefinition(Name)]
public sealed class ApiDocumentsCollection : ICollectionFixture<ApiDocumentsFixture>
{
    public const string Name = "api documents";
}
