namespace LoanPlatform.Users.Objects;

/// <summary>What an upload is allowed to be; adapters enforce what their storage can (all of it locally, type on SAS/presigned).</summary>
public sealed record ObjectUploadConstraints(string ContentType, long MaxSizeBytes);
