using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace LoanPlatform.Testing;

/// <summary>
/// A throw-away certificate for 127.0.0.1 made with <c>openssl</c> (PEM files for a node server), and the one
/// validation callback that trusts it and nothing else: tests never switch certificate validation off.
/// </summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private readonly string folder;

    private SelfSignedCertificate(string folder)
    {
        this.folder = folder;
        Certificate = X509Certificate2.CreateFromPem(File.ReadAllText(CertificatePath));
    }

    public string CertificatePath => Path.Combine(folder, "cert.pem");

    public string KeyPath => Path.Combine(folder, "key.pem");

    public X509Certificate2 Certificate { get; }

    public static async Task<SelfSignedCertificate> CreateForLoopbackAsync()
    {
        var folder = Directory.CreateTempSubdirectory("loanplatform-cert-").FullName;
        var startInfo = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", Path.Combine(folder, "key.pem"), "-out", Path.Combine(folder, "cert.pem"),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var openssl = Process.Start(startInfo)!;
        var errors = openssl.StandardError.ReadToEndAsync();
        await openssl.StandardOutput.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        if (openssl.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl failed with code {openssl.ExitCode}: {await errors}");
        }

        return new SelfSignedCertificate(folder);
    }

    /// <summary>A handler whose TLS accepts exactly this certificate.</summary>
    public HttpClientHandler CreateTrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(Certificate.RawData),
    };

    public void Dispose()
    {
        Certificate.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
