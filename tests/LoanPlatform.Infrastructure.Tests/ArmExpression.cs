namespace LoanPlatform.Infrastructure.Tests;

/// <summary>Reads the arguments of a function call in an ARM template expression (the text between its brackets).</summary>
public static class ArmExpression
{
    /// <summary>The top-level arguments of <paramref name="expression"/>, which must be one call of <paramref name="function"/>.</summary>
    public static IReadOnlyList<string> Arguments(string expression, string function)
    {
        if (!expression.StartsWith(function + "(", StringComparison.Ordinal) || Close(expression, function.Length) != expression.Length - 1)
        {
            throw new InvalidOperationException($"not a single {function}(...) call: {expression}");
        }

        var arguments = new List<string>();
        var start = function.Length + 1;
        var depth = 0;
        for (var i = start; i < expression.Length - 1; i++)
        {
            switch (expression[i])
            {
                case '\'':
                    i = expression.IndexOf('\'', i + 1);
                    break;
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    arguments.Add(expression[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        arguments.Add(expression[start..^1].Trim());
        return arguments;
    }

    /// <summary>The properties of a createObject(...) call, by name (string literal keys), each value an expression.</summary>
    public static IReadOnlyDictionary<string, string> ObjectProperties(string expression)
    {
        var arguments = Arguments(expression, "createObject");
        return Enumerable.Range(0, arguments.Count / 2).ToDictionary(i => arguments[2 * i].Trim('\''), i => arguments[(2 * i) + 1]);
    }

    // The index of the parenthesis that closes the one at open; quotes ('' escapes one) hold no parentheses.
    private static int Close(string expression, int open)
    {
        var depth = 0;
        for (var i = open; i < expression.Length; i++)
        {
            switch (expression[i])
            {
                case '\'':
                    i = expression.IndexOf('\'', i + 1);
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return i;
            }
        }

        return -1;
    }
}
