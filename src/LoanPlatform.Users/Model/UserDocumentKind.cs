namespace LoanPlatform.Users.Model;

public enum UserDocumentKind
{
    Ktp,
    Selfie,
}
