using System.Security.Cryptography;
using LoanPlatform.ApiClient.Tests.Generated.Loans.Models;
using LoanPlatform.ApiClient.Tests.Generated.Users.Models;
using LoanPlatform.Testing;
using Microsoft.Kiota.Abstractions.Serialization;
using AuthModels = LoanPlatform.ApiClient.Tests.Generated.Auth.Models;
using LoansProblem = LoanPlatform.ApiClient.Tests.Generated.Loans.Models.Problem;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// The first loan driven only through the clients Kiota generates from the served documents (Generated/, kept equal to
/// a fresh generation by <see cref="GeneratedClientDriftTests"/>): if the documents stop describing the API, this breaks.
/// </summary>
[Collection(ApiDocumentsCollection.Name)]
public sealed class FirstLoanThroughGeneratedClientTests(ApiDocumentsFixture documents)
{
    [Fact]
    public async Task A_customer_registers_uploads_applies_an_officer_approves_and_the_schedule_reads_back_with_a_typed_409_before()
    {
        using var anonymous = new GeneratedClients(documents.Running.GatewayUrl);
        const string email = "siti.generated@example.com";
        const string password = "correct-horse-battery";
        var userId = await CustomerSignUp.RegisterAsync(anonymous, documents.Running.Inbox, new RegisterUserRequest
        {
            FullName = "Siti Rahayu",
            Email = email,
            Phone = "081234567891",
            Nik = "3171074506900002",
            DateOfBirth = "1990-06-05",
            Password = password,
            Consent = new ConsentRequest { Accepted = true, Version = "2025-01" },
            Language = "id",
        });
        Assert.False(string.IsNullOrEmpty(userId));

        using var customer = anonymous.As(await SignInAsync(anonymous, email, password));
        foreach (var type in new[] { "ktp", "selfie" })
        {
            await UploadAsync(customer, type);
        }

        // A reviewer verifies the identity (the admin: whoever verifies may not also give the loan's only approval).
        using var reviewer = anonymous.As(await SignInAsync(anonymous, "admin@staff.local", RunningPlatform.StaffPassword));
        var review = await reviewer.Users.Users[userId].Kyc.Decisions.PostAsync(new KycDecisionRequest { Decision = "verify", Reason = "Face and data match the KTP" });
        Assert.Equal(KycStatus.Verified, review!.Status);

        var accepted = await customer.Loans.Loans.PostAsync(
            new ApplyForLoanRequest { Amount = 10_000_000, TenorMonths = 12, Purpose = "Renovasi rumah", MonthlyIncome = 15_000_000 },
            request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        var loanId = accepted!.LoanId!;
        await WaitForAsync(customer, loanId, LoanStatus.PendingApproval);

        // A typed error: the schedule before approval is a 409 whose problem type the client reads.
        var early = await Assert.ThrowsAsync<LoansProblem>(() => customer.Loans.Loans[loanId].Schedule.GetAsync());
        Assert.Equal(409, early.ResponseStatusCode);
        Assert.Equal($"{documents.Running.GatewayUrl}/problems/schedule-not-available", early.Type);

        using var officer = anonymous.As(await SignInAsync(anonymous, "officer1@staff.local", RunningPlatform.StaffPassword));
        var queue = await officer.Loans.Loans.GetAsync();
        Assert.Contains(queue!, loan => loan.LoanId == loanId);
        await officer.Loans.Loans[loanId].Decisions.PostAsync(new DecisionRequest { Decision = "approve", Reason = "Income verified" });

        await WaitForAsync(customer, loanId, LoanStatus.Approved);
        var schedule = await customer.Loans.Loans[loanId].Schedule.GetAsync();
        Assert.Equal(12, schedule!.Installments!.Count);
        var first = schedule.Installments[0];
        Assert.Equal(1, first.Number);
        Assert.True(first.Total > 0 && first.Principal + first.Interest + first.Fee == first.Total);
        Assert.Equal(10_000_000, schedule.Principal);

        // Every answer given on the way, errors included, was one its operation declares (and so documents).
        Assert.Empty(documents.Running.UndeclaredProblems);
    }

    private static async Task<string> SignInAsync(GeneratedClients anonymous, string email, string password) =>
        (await anonymous.Auth.Auth.Login.PostAsync(new AuthModels.LoginRequest { Email = email, Password = password }))!.AccessToken!;

    private static async Task UploadAsync(GeneratedClients customer, string type)
    {
        var image = SampleImages.Jpeg;
        var requested = await customer.Users.Users.Me.Documents.PostAsync(new RequestDocumentRequest
        {
            Type = type,
            ContentType = "image/jpeg",
            SizeBytes = image.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(image)),
        });

        // The signed upload URL is not part of the API: it is a storage address, used as handed out.
        var upload = requested!.Upload!;
        using var http = new HttpClient();
        using var put = new HttpRequestMessage(new HttpMethod(upload.Method!), upload.Url) { Content = new ByteArrayContent(image) };
        foreach (var (name, value) in upload.Headers?.AdditionalData ?? new Dictionary<string, object>())
        {
            // Free-form maps arrive as Kiota's untyped nodes.
            var text = value is UntypedString untyped ? untyped.GetValue() : value.ToString();
            if (!put.Headers.TryAddWithoutValidation(name, text))
            {
                put.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }

        using var uploaded = await http.SendAsync(put);
        Assert.True(uploaded.IsSuccessStatusCode, $"upload answered {(int)uploaded.StatusCode}");

        var completed = await customer.Users.Users.Me.Documents[requested.DocumentId!].Complete.PostAsync();
        Assert.Equal(UserDocumentStatus.Verified, completed!.Status);
    }

    private static async Task WaitForAsync(GeneratedClients customer, string loanId, LoanStatus status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        LoanView? loan;
        do
        {
            loan = await customer.Loans.Loans[loanId].GetAsync();
            if (loan?.Status == status)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Loan {loanId} is {loan?.Status}, not {status}.");
    }
}
