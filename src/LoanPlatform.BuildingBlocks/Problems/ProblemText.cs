namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>A problem type in one language: its title, what happened, and what the client or person should do next.</summary>
public sealed record ProblemText(string Title, string Happened, string ToDo);
