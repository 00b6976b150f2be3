using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Infrastructure;

/// <summary>
/// Loan documents, each its own partition. Every change goes through the loans' <see cref="AggregateStore{T}"/>: one
/// ETag-checked write per transition, retried on a fresh read when it races, its events published right after.
/// </summary>
public sealed class LoanRepository(IDocumentStore<LoanApplication> store, AggregateStore<LoanApplication> aggregates)
{
    public Task<StoredDocument<LoanApplication>?> FindAsync(string loanId, CancellationToken cancellationToken) =>
        store.FindAsync(loanId, loanId, cancellationToken);

    public Task<StoredDocument<LoanApplication>> CreateAsync(LoanApplication loan, CancellationToken cancellationToken) =>
        aggregates.CreateAsync(loan.LoanId, loan.LoanId, loan, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> (a transition of the loan, which checks its own rules) to the current document and
    /// writes the result; a change that returns the same instance writes nothing. The loan must exist.
    /// </summary>
    public async Task<LoanApplication> UpdateAsync(string loanId, Func<LoanApplication, LoanApplication> change, CancellationToken cancellationToken) =>
        (await aggregates.UpdateAsync(loanId, loanId, change, cancellationToken) ?? throw new InvalidOperationException($"Loan {loanId} does not exist.")).Value;

    /// <summary>As <see cref="UpdateAsync(string, Func{LoanApplication, LoanApplication}, CancellationToken)"/>, starting from a document just read.</summary>
    public async Task<LoanApplication> UpdateAsync(StoredDocument<LoanApplication> read, Func<LoanApplication, LoanApplication> change, CancellationToken cancellationToken) =>
        (await aggregates.UpdateAsync(read, change, cancellationToken) ?? throw new InvalidOperationException($"Loan {read.Id} does not exist.")).Value;

    public IAsyncEnumerable<StoredDocument<LoanApplication>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        store.QueryAsync(query, cancellationToken);
}
