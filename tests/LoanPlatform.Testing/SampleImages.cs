namespace LoanPlatform.Testing;

/// <summary>Real image files under tests/samples, for uploads that must pass the backend's file-signature check.</summary>
public static class SampleImages
{
    private static readonly Lazy<byte[]> KtpBytes = new(() => File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "samples", "ktp.jpg")));

    /// <summary>A small valid JPEG (a copy on every call, so a test may alter it).</summary>
    public static byte[] Jpeg => (byte[])KtpBytes.Value.Clone();
}
