using System.Reflection;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// Every problem type the platform can answer with. Problem types are public contract, so they live here, shared by
/// every service, and the page server (/problems/{code}) can explain any of them.
/// </summary>
public static class ProblemCatalog
{
    private static readonly Type[] Sources = [typeof(CommonProblems), typeof(AuthProblems), typeof(UserProblems), typeof(LoanProblems)];

    public static readonly IReadOnlyList<ProblemType> All = Sources
        .SelectMany(source => source.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(field => field.FieldType == typeof(ProblemType))
        .Select(field => (ProblemType)field.GetValue(null)!)
        .ToArray();

    private static readonly Dictionary<string, ProblemType> ByCode = All.ToDictionary(type => type.Code, StringComparer.Ordinal);

    public static ProblemType? Find(string code) => ByCode.GetValueOrDefault(code);
}
