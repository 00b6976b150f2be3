namespace LoanPlatform.Console.Tests;

/// <summary>One platform and one browser for every console test: starting them is most of the suite's time.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
