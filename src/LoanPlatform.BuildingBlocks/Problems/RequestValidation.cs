using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>Collects field errors and throws one 400 problem listing them all, so a client fixes everything in one round.</summary>
public sealed class RequestValidation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public RequestValidation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }

        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void ThrowIfInvalid()
    {
        if (IsValid)
        {
            return;
        }

        var problem = CommonProblems.Validation.Exception();
        problem.Extensions["errors"] = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        throw problem;
    }
}
