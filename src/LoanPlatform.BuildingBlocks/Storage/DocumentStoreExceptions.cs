namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>A create found the id already taken in its partition (HTTP 409 at the edge).</summary>
public sealed class DocumentConflictException(string id) : Exception($"A document with id '{id}' already exists.");

/// <summary>A conditional write quoted an ETag that is no longer current (HTTP 412 at the edge).</summary>
public sealed class DocumentPreconditionFailedException(string id) : Exception($"The document '{id}' was changed by someone else.");

/// <summary>A replace targeted a document that does not exist.</summary>
public sealed class DocumentNotFoundException(string id) : Exception($"The document '{id}' does not exist.");
