namespace LoanPlatform.Testing;

/// <summary>Finds the repository root (the folder holding LoanPlatform.sln) and the stand-ins installed under it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string NodeModules
    {
        get
        {
            var path = Path.Combine(Root, "node_modules");
            return Directory.Exists(path)
                ? path
                : throw new InvalidOperationException($"The test stand-ins are not installed: {path} is missing. Run `npm ci` in {Root} first.");
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LoanPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No LoanPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
