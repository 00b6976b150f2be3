namespace LoanPlatform.Console.Tests;

/// <summary>Where the browser tests leave the screenshots the README shows: docs/images/ of the repository.</summary>
public static class Screenshots
{
    public static string PathOf(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LoanPlatform.sln")))
        {
            folder = folder.Parent;
        }

        var images = Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Repository root not found."), "docs", "images");
        Directory.CreateDirectory(images);
        return Path.Combine(images, name);
    }
}
