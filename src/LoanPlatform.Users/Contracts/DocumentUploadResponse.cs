using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

public sealed record DocumentUploadResponse(string DocumentId, UserDocumentStatus Status, SignedRequestResponse Upload);
