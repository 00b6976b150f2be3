namespace LoanPlatform.Console.Preferences;

public enum ConsoleLanguage
{
    Indonesian,
    English,
}
