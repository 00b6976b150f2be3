namespace LoanPlatform.Users.Model;

/// <summary>
/// The copy of a document's object that passed the completion check, kept where no upload URL can write
/// (<see cref="Objects.ObjectKeys.ForSealedDocument"/>) and pinned by the store's <see cref="ETag"/> and the
/// <see cref="Sha256Hex"/> of the checked bytes. Every reader (the customer's download, a reviewer's read URL) reads this
/// object, never <see cref="UserDocument.ObjectKey"/>, which the upload URL may still overwrite until it expires.
/// </summary>
public sealed record SealedObject(string ObjectKey, string ETag, string Sha256Hex, long SizeBytes, DateTimeOffset SealedAt);
