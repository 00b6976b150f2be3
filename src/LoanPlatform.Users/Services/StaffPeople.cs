using System.Text.RegularExpressions;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Identity;
using LoanPlatform.BuildingBlocks.Indonesia;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Events;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Validation;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Users.Services;

/// <summary>
/// The people behind staff identities, and the one rule that uses them: nobody acts on a customer who is the same
/// person (same NIK, email or phone), whichever account they use. Links are kept by an Admin for Entra staff and seeded
/// for the local accounts; each change is audited from the link's own outbox.
/// </summary>
public sealed partial class StaffPeople(IDocumentStore<StaffPerson> people, OutboxDispatcher<StaffPerson> outbox, TimeProvider time)
{
    public async Task<StoredDocument<StaffPerson>> GetAsync(string staffId, CancellationToken cancellationToken) =>
        await FindAsync(staffId, cancellationToken) ?? throw ProblemException.NotFound("The staff member's person");

    /// <summary>Creates the link, or replaces it when <paramref name="ifMatch"/> is its current ETag (428 without, 412 when stale).</summary>
    public async Task<StoredDocument<StaffPerson>> LinkAsync(string staffId, string? ifMatch, StaffPersonRequest request, ChangeActor actor, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Require(StaffIdPattern().IsMatch(staffId), "staffId", "A staff id is 1 to 128 letters, digits, dashes or underscores.");
        validation.Require(Nik.TryParse(request.Nik?.Trim(), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), out var nik, out _), "nik", "A valid 16-digit NIK is required.");
        validation.Require(EmailAddress.TryNormalize(request.Email, out var email), "email", "A valid email address is required.");
        var phone = ProfileRules.Phone(validation, request.Phone);
        validation.ThrowIfInvalid();

        var existing = await FindAsync(staffId, cancellationToken);
        if (existing is not null && string.IsNullOrWhiteSpace(ifMatch))
        {
            throw CommonProblems.PreconditionRequired.Exception();
        }

        if (existing is not null && !EntityTags.Matches(ifMatch!, existing.ETag))
        {
            throw CommonProblems.StaleETag.Exception();
        }

        var now = time.GetUtcNow();
        var person = new StaffPerson(staffId, nik!.Value, email!, phone!, now);
        var fields = new[] { ("nik", existing?.Value.Nik != person.Nik), ("email", existing?.Value.Email != person.Email), ("phone", existing?.Value.Phone != person.Phone) }
            .Where(f => f.Item2).Select(f => f.Item1).ToArray();
        var linked = person.WithEvent(OutboxEvent.Create(
            UserEventTypes.StaffPersonLinked, StaffPersonLinked.Version, EventSubjects.StaffPerson(staffId), new StaffPersonLinked(staffId, fields, now), now, actor));
        try
        {
            _ = existing is null
                ? await people.CreateAsync(staffId, staffId, linked, cancellationToken: cancellationToken)
                : await people.ReplaceAsync(staffId, staffId, linked, existing.ETag, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is DocumentConflictException or DocumentPreconditionFailedException)
        {
            throw CommonProblems.StaleETag.Exception();
        }

        // Not through AggregateStore: the Admin's If-Match decides a race, so a lost one is refused, never retried.
        await outbox.DispatchAsync(staffId, staffId, cancellationToken: cancellationToken);
        return await GetAsync(staffId, cancellationToken);
    }

    /// <summary>Links a seeded local account once; an existing link (maybe edited by an Admin) is left alone.</summary>
    public async Task EnsureLinkedAsync(string staffId, StaffPersonRequest person, ChangeActor actor, CancellationToken cancellationToken)
    {
        if (await FindAsync(staffId, cancellationToken) is null)
        {
            await LinkAsync(staffId, null, person, actor, cancellationToken);
        }
    }

    public async Task<PersonMatchResponse> MatchAsync(string staffId, UserProfile customer, CancellationToken cancellationToken)
    {
        var person = await FindAsync(staffId, cancellationToken);
        var shared = person?.Value.SharedWith(customer) ?? [];
        return new PersonMatchResponse(person is not null, shared.Count > 0, shared);
    }

    /// <summary>403 unless <paramref name="staffId"/> is linked to a person who is not <paramref name="customer"/>.</summary>
    public async Task RequireOtherPersonAsync(string staffId, UserProfile customer, CancellationToken cancellationToken)
    {
        var match = await MatchAsync(staffId, customer, cancellationToken);
        if (!match.StaffLinked)
        {
            throw UserProblems.StaffPersonNotLinked.Exception();
        }

        if (match.SamePerson)
        {
            throw UserProblems.SamePerson.Exception($"Your staff identity shares {string.Join(", ", match.SharedFields)} with this customer.");
        }
    }

    private Task<StoredDocument<StaffPerson>?> FindAsync(string staffId, CancellationToken cancellationToken) =>
        StaffIdPattern().IsMatch(staffId) ? people.FindAsync(staffId, staffId, cancellationToken) : Task.FromResult<StoredDocument<StaffPerson>?>(null);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex StaffIdPattern();
}
