using System.Security.Cryptography;

namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>
/// A P-256 key kept as a PKCS#8 PEM file: generated on first local run, reused after. Local development only;
/// in Azure keys live in Key Vault.
/// </summary>
public static class EcdsaKeyFile
{
    private static readonly Lock Gate = new();

    public static ECDsa LoadOrCreate(string path)
    {
        lock (Gate)
        {
            var key = ECDsa.Create();
            if (File.Exists(path))
            {
                key.ImportFromPem(File.ReadAllText(path));
                return key;
            }

            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            PrivateFiles.WriteNew(path, key.ExportPkcs8PrivateKeyPem());
            return key;
        }
    }
}
