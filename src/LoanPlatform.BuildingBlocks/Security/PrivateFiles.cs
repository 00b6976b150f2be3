using System.Text;

namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>
/// Folders and files only the platform's own user may read, created with that mode (0700 and 0600) rather than
/// narrowed afterwards, so there is no moment in which another local user could open them. The data folder holds
/// databases with NIKs, KTP images and emails; the key files sign tokens and URLs.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode);
        }
    }

    /// <summary>
    /// Writes <paramref name="contents"/> to <paramref name="path"/> through a new temporary file created 0600, then moves
    /// it into place, so the file is never readable by others and never seen half-written.
    /// </summary>
    public static void WriteNew(string path, string contents)
    {
        CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
            // A leftover temporary file keeps whatever mode it had; start from none.
            File.Delete(temp);
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(contents));
        }

        File.Move(temp, path, overwrite: true);
    }
}
