using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Infrastructure;

/// <summary>
/// Loan documents, each its own partition. Updates are read-modify-write under the ETag, retried when they race; events a
/// write stored in the document are dispatched right after it (the sweeper catches what a crash leaves).
/// </summary>
public sealed class LoanRepository(IDocumentStore<LoanApplication> store, OutboxDispatcher<LoanApplication> outbox)
{
    private const int MaxAttempts = 8;

    public Task<StoredDocument<LoanApplication>?> FindAsync(string loanId, CancellationToken cancellationToken) =>
        store.FindAsync(loanId, loanId, cancellationToken);

    public Task<StoredDocument<LoanApplication>> CreateAsync(LoanApplication loan, CancellationToken cancellationToken) =>
        store.CreateAsync(loan.LoanId, loan.LoanId, loan, cancellationToken: cancellationToken);

    public Task<StoredDocument<LoanApplication>> ReplaceAsync(StoredDocument<LoanApplication> current, LoanApplication updated, CancellationToken cancellationToken) =>
        store.ReplaceAsync(current.PartitionKey, current.Id, updated, current.ETag, cancellationToken: cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the current document and writes it if it still has the ETag it was read with;
    /// on a race, reads again and re-applies. A change that returns the same instance writes nothing.
    /// </summary>
    public async Task<LoanApplication> UpdateAsync(string loanId, Func<LoanApplication, LoanApplication> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindAsync(loanId, cancellationToken) ?? throw new InvalidOperationException($"Loan {loanId} does not exist.");
            var updated = change(current.Value);
            if (ReferenceEquals(updated, current.Value))
            {
                return updated;
            }

            try
            {
                await ReplaceAsync(current, updated, cancellationToken);
            }
            catch (DocumentPreconditionFailedException) when (attempt < MaxAttempts)
            {
                continue;
            }

            if (updated.HasPendingEvents)
            {
                await outbox.DispatchAsync(loanId, loanId, cancellationToken: cancellationToken);
            }

            return updated;
        }
    }

    public IAsyncEnumerable<StoredDocument<LoanApplication>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        store.QueryAsync(query, cancellationToken);
}
