using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Events;
using LoanPlatform.Users.Kyc;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;
using Microsoft.Extensions.Options;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Users.Services;

/// <summary>
/// Identity verification as a decision with evidence. Once the KTP and the selfie have passed their file checks the
/// customer goes to review (the configured e-KYC provider may decide at once when it is conclusive: registry data and
/// face both matching verifies, a contradiction rejects; nothing unsure is decided without a person). Staff work the queue oldest first, open a review with the identity data and read-only URLs
/// of the documents, and verify or reject; each step is written to the profile with its audit event, and the decision
/// events tell the customer.
/// </summary>
public sealed class CustomerKyc(
    UserProfiles profiles,
    IDocumentStore<UserProfile> profileStore,
    IDocumentStore<UserDocument> documents,
    IDocumentObjectStore objects,
    IKycProvider provider,
    StaffPeople people,
    IOptions<KycOptions> options,
    TimeProvider time)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Called whenever a document passed its file checks (idempotent): with a checked KTP and selfie, and after a rejection
    /// at least one of them new, the customer goes to review. <paramref name="actor"/> is who completed the document.
    /// </summary>
    public async Task SubmitIfCompleteAsync(string userId, ChangeActor actor, CancellationToken cancellationToken)
    {
        var profile = (await profiles.GetAsync(userId, cancellationToken)).Value;
        var evidence = await CheckedDocumentsAsync(userId, cancellationToken);
        if (!IsReadyForReview(profile.Kyc, evidence))
        {
            return;
        }

        var check = await provider.CheckAsync(new KycApplicant(
            userId, profile.Nik, profile.FullName, profile.DateOfBirth, SealedKey(evidence, UserDocumentKind.Ktp), SealedKey(evidence, UserDocumentKind.Selfie)), cancellationToken);
        await profiles.ChangeAsync(userId, current =>
        {
            if (!IsReadyForReview(current.Kyc, evidence))
            {
                return null;
            }

            var now = time.GetUtcNow();
            var submitted = current.Kyc.Submit(now, check);
            var updated = (current with { Kyc = submitted, UpdatedAt = now }).WithEvent(OutboxEvent.Create(
                UserEventTypes.KycSubmitted, KycSubmitted.Version, EventSubjects.Kyc(userId), new KycSubmitted(userId, now, check?.Provider, check?.Outcome), now, actor));
            if (check is not { Outcome: AutomatedKycOutcome.Match or AutomatedKycOutcome.Mismatch })
            {
                return updated;
            }

            // A conclusive answer (registry data and face both matched, or either contradicted) is decided by the
            // provider without waiting for a person; anything unsure stays in the queue.
            var system = ChangeActor.System($"ekyc-{check.Provider}");
            var outcome = check.Outcome == AutomatedKycOutcome.Match ? KycStatus.Verified : KycStatus.Rejected;
            var reasons = outcome == KycStatus.Rejected ? check.Reasons : [];
            var decision = new KycDecision(outcome, system.Id, system.Role, check.Provider, reasons, null, evidence.Select(d => d.DocumentId).ToArray(), now);
            return Decided(updated with { Kyc = submitted.Decide(decision) }, decision, system);
        }, cancellationToken);
    }

    /// <summary>Customers in <paramref name="status"/> (default pendingReview), oldest submission first, a page at a time.</summary>
    public async Task<KycReviewPage> ListAsync(string? status, string? continuationToken, string? pageSize, CancellationToken cancellationToken)
    {
        KycStatus? parsed = status is null ? KycStatus.PendingReview
            : Enum.TryParse<KycStatus>(status, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
        var after = continuationToken is null ? null : QueuePosition.TryParse(continuationToken);
        int? size = pageSize is null ? DefaultPageSize : int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= MaxPageSize ? n : null;
        new RequestValidation()
            .Require(parsed is not null, "status", "Status must be notStarted, pendingReview, verified or rejected.")
            .Require(continuationToken is null || after is not null, "continuationToken", "The continuation token is not one this queue handed out.")
            .Require(size is not null, "pageSize", $"Page size must be between 1 and {MaxPageSize}.")
            .ThrowIfInvalid();

        var waiting = new List<(QueuePosition Position, UserProfile Profile)>();
        await foreach (var stored in profileStore.QueryAsync(DocumentQuery.Where("kycStatus", parsed!.Value), cancellationToken))
        {
            var position = new QueuePosition(stored.Value.Kyc.SubmittedAt ?? stored.Value.CreatedAt, stored.Value.UserId);
            if (after is null || position.CompareTo(after) > 0)
            {
                waiting.Add((position, stored.Value));
            }
        }

        var page = waiting.OrderBy(w => w.Position).Take(size!.Value).ToArray();
        var items = page.Select(w => new KycReviewQueueItem(w.Profile.UserId, w.Profile.FullName, w.Profile.Kyc.Status, w.Profile.Kyc.SubmittedAt, w.Profile.Kyc.AutomatedCheck)).ToArray();
        return new KycReviewPage(items, waiting.Count > page.Length ? page[^1].Position.ToToken() : null);
    }

    /// <summary>The review view for <paramref name="reviewer"/>, who must not be the customer's own person.</summary>
    public async Task<CustomerKycResponse> GetReviewAsync(ClaimsPrincipal reviewer, string userId, CancellationToken cancellationToken)
    {
        var profile = await FindCustomerAsync(userId, cancellationToken);
        await people.RequireOtherPersonAsync(reviewer.GetStaffId(), profile, cancellationToken);
        var expiresAt = time.GetUtcNow() + options.Value.ReviewUrlLifetime;
        var evidence = new List<KycDocumentResponse>();
        foreach (var document in await CheckedDocumentsAsync(userId, cancellationToken))
        {
            // Always the sealed copy, so the URL reads exactly the bytes that were checked.
            var read = await objects.CreateDownloadRequestAsync(document.Sealed!.ObjectKey, expiresAt, cancellationToken);
            evidence.Add(new KycDocumentResponse(
                document.DocumentId, document.Kind, document.ContentType, document.SizeBytes, document.Sha256Hex, document.Status, read.Url.AbsoluteUri, read.ExpiresAt));
        }

        var kyc = profile.Kyc;
        return new CustomerKycResponse(profile.UserId, profile.FullName, profile.Nik, profile.DateOfBirth, kyc.Status, kyc.SubmittedAt, kyc.AutomatedCheck, kyc.Decision, evidence);
    }

    /// <summary>Verifies or rejects a customer waiting for review; 409 when they are not, 403 when the reviewer is them.</summary>
    public async Task<KycDecisionResponse> DecideAsync(ClaimsPrincipal reviewer, string userId, KycDecisionRequest request, CancellationToken cancellationToken)
    {
        var outcome = request.Decision?.Trim().ToLowerInvariant() switch
        {
            "verify" => KycStatus.Verified,
            "reject" => KycStatus.Rejected,
            _ => (KycStatus?)null,
        };
        var note = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var codes = outcome == KycStatus.Rejected ? request.ReasonCodes is { Count: > 0 } given ? given.Distinct().ToArray() : [KycReasons.Other] : [];
        new RequestValidation()
            .Require(outcome is not null, "decision", "The decision must be \"verify\" or \"reject\".")
            .Require(outcome != KycStatus.Rejected || note is not null, "reason", "A rejection needs a reason for the record.")
            .Require(note is null || note.Length <= 1000, "reason", "The reason has at most 1000 characters.")
            .Require(codes.All(KycReasons.RejectionCodes.Contains), "reasonCodes", $"Reason codes are {string.Join(", ", KycReasons.RejectionCodes)}.")
            .ThrowIfInvalid();

        var customer = await FindCustomerAsync(userId, cancellationToken);
        await people.RequireOtherPersonAsync(reviewer.GetStaffId(), customer, cancellationToken);
        var documentIds = (await CheckedDocumentsAsync(userId, cancellationToken)).Select(d => d.DocumentId).ToArray();
        var actor = ChangeActor.Of(reviewer);
        var written = await profiles.ChangeAsync(userId, current =>
        {
            if (current.Kyc.Status != KycStatus.PendingReview)
            {
                throw UserProblems.KycNotPendingReview.Exception($"This customer's KYC is {current.Kyc.Status}.");
            }

            var decision = new KycDecision(outcome!.Value, actor.Id, actor.Role, null, codes, note, documentIds, time.GetUtcNow());
            return Decided(current with { Kyc = current.Kyc.Decide(decision), UpdatedAt = decision.At }, decision, actor);
        }, cancellationToken);
        return new KycDecisionResponse(userId, written.Value.Kyc.Status, written.Value.Kyc.Decision!);
    }

    /// <summary>Whether <paramref name="staffId"/> is the same person as customer <paramref name="userId"/> (null: no such customer).</summary>
    public async Task<PersonMatchResponse?> MatchPersonAsync(string userId, string staffId, CancellationToken cancellationToken) =>
        await profileStore.FindAsync(userId, userId, cancellationToken) is { } profile ? await people.MatchAsync(staffId, profile.Value, cancellationToken) : null;

    private static UserProfile Decided(UserProfile profile, KycDecision decision, ChangeActor actor)
    {
        var userId = profile.UserId;
        var subject = EventSubjects.Kyc(userId);
        return profile.WithEvent(decision.Outcome == KycStatus.Verified
            ? OutboxEvent.Create(UserEventTypes.KycVerified, KycVerified.Version, subject, new KycVerified(userId, decision.At, decision.DocumentIds), decision.At, actor)
            : OutboxEvent.Create(UserEventTypes.KycRejected, KycRejected.Version, subject, new KycRejected(userId, decision.Reasons, decision.Provider, decision.At), decision.At, actor));
    }

    private static string? SealedKey(IReadOnlyList<UserDocument> evidence, UserDocumentKind kind) =>
        evidence.FirstOrDefault(d => d.Kind == kind)?.Sealed?.ObjectKey;

    private static bool IsReadyForReview(KycState kyc, IReadOnlyList<UserDocument> evidence) =>
        kyc.CanSubmit
        && evidence.Any(d => d.Kind == UserDocumentKind.Ktp) && evidence.Any(d => d.Kind == UserDocumentKind.Selfie)
        // After a rejection only a new upload reopens the review; the refused documents alone do not.
        && (kyc.Decision is null || evidence.Any(d => d.VerifiedAt > kyc.Decision.At));

    // Customers are addressed by id only by staff; an unknown id is a 404 like any other resource.
    private async Task<UserProfile> FindCustomerAsync(string userId, CancellationToken cancellationToken) =>
        (await profileStore.FindAsync(userId, userId, cancellationToken))?.Value ?? throw ProblemException.NotFound("The customer");

    /// <summary>The latest KTP and selfie that passed their file checks: what a review decides on.</summary>
    private async Task<IReadOnlyList<UserDocument>> CheckedDocumentsAsync(string userId, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<UserDocumentKind, UserDocument>();
        await foreach (var stored in documents.QueryAsync(DocumentQuery.InPartition(userId), cancellationToken))
        {
            // Only sealed documents count: their stored reference pins the bytes that passed the file checks.
            if (stored.Value is { Status: UserDocumentStatus.Verified, Sealed: not null } document
                && (!latest.TryGetValue(document.Kind, out var seen) || document.VerifiedAt > seen.VerifiedAt))
            {
                latest[document.Kind] = document;
            }
        }

        return latest.Values.OrderBy(d => d.Kind).ToArray();
    }

    /// <summary>Where a page ended: the opaque continuation token is this, base64url-encoded.</summary>
    private sealed record QueuePosition(DateTimeOffset At, string UserId) : IComparable<QueuePosition>
    {
        public int CompareTo(QueuePosition? other) =>
            other is null ? 1 : At != other.At ? At.CompareTo(other.At) : string.CompareOrdinal(UserId, other.UserId);

        public string ToToken() =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{UserId}"));

        public static QueuePosition? TryParse(string token)
        {
            try
            {
                var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
                return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks && parts[1].Length > 0
                    ? new QueuePosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
