using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.Loans.Model;
using LoanPlatform.Testing;
using Microsoft.Data.Sqlite;

namespace LoanPlatform.Testing.Platform.CrashDrill;

/// <summary>
/// Starts the local platform as its own process, drives a mix of lifecycles (a KYC decision on the customer; then apply;
/// approve, reject, cancel, refer and answer) through the gateway, kills it with SIGKILL at random moments (and now and then stops it with SIGTERM
/// mid-work), starts it again on the same data, finishes the work and checks the promises: every acknowledged command
/// took effect once (a KYC decision: one audit record), one approval email per approved loan and no message sent twice, no open-application claim binding or naming
/// a loan never written, no unpublished event left, the notification queue drained, the audit trail verifies, every open loan re-hydrated, and
/// no error logged by a clean stop.
/// </summary>
public sealed class CrashDrill(CrashDrillOptions options)
{
    private static readonly string[] ApprovalSubjects = ["Pinjaman Anda disetujui", "Your loan is approved"];

    private readonly List<string> _violations = [];
    private readonly Dictionary<string, string> _tokens = [];
    private HttpClient _http = null!;
    private int _rehydrated;
    private int _resent;
    private int _inDoubt;

    public async Task<CrashDrillReport> RunAsync()
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var dataPath = Path.Combine(Path.GetTempPath(), "loanplatform-drill-" + Guid.NewGuid().ToString("N"));
        var settings = UnthrottledSettings.With(new Dictionary<string, string?>
        {
            ["LOCAL_STAFF_PASSWORD"] = RunningPlatform.StaffPassword,
            // Leftovers of a kill are swept within seconds, so the drill's checks need not wait long.
            ["Outbox:SweepInterval"] = "00:00:01",
            ["Outbox:MinimumAge"] = "00:00:02",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = options.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:RequireTls"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:LogLevel:LoanPlatform.Loans.Services.LoanRehydrator"] = "Information",
        });
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        await using var host = new LocalHostProcess(dataPath, LoopbackPorts.FindFreeForRestart(), settings);
        _http = new HttpClient { BaseAddress = new Uri(host.GatewayUrl), Timeout = TimeSpan.FromSeconds(15) };
        var loans = new List<DrillLoan>();
        var kills = 0;
        var cleanStops = 0;
        try
        {
            await host.StartAsync(TimeSpan.FromMinutes(2));
            options.Log($"Registering {options.Loans} customers waiting for identity review (seed {options.Seed})");
            var plans = Enum.GetValues<DrillPlan>();
            using (var client = new PlatformClient(new HttpClient { BaseAddress = _http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }, new EmailInbox(options.SmtpFolder)))
            {
                var customers = new PlatformClient.Customer[options.Loans];
                await Parallel.ForAsync(0, options.Loans, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                {
                    customers[i] = await client.RegisterAsync();
                    await client.UploadIdentityDocumentsAsync(customers[i]);
                });
                for (var i = 0; i < options.Loans; i++)
                {
                    loans.Add(new DrillLoan(customers[i], plans[i % plans.Length], 10_000_000 + (i % 10) * 1_000_000));
                }
            }

            var stops = options.Kills + (options.CleanStopEvery > 0 ? options.Kills / options.CleanStopEvery : 0);
            for (var round = 0; round < stops; round++)
            {
                if (round > 0)
                {
                    await host.StartAsync(TimeSpan.FromMinutes(2));
                    await CheckRehydrationAsync(host, loans);
                }

                // Loans join a few at a time, so there is fresh work (applications among it) before every stop.
                var active = loans.Take((round + 1) * loans.Count / (stops + 1)).ToList();
                using var load = new CancellationTokenSource();
                var workers = Enumerable.Range(0, 4).Select(w => DriveAsync(active.Where((_, i) => i % 4 == w).ToList(), load.Token)).ToArray();
                await Task.Delay(options.MinRun + (options.MaxRun - options.MinRun) * random.NextDouble());
                var clean = options.CleanStopEvery > 0 && round % (options.CleanStopEvery + 1) == options.CleanStopEvery;
                if (clean)
                {
                    await StopCleanlyAsync(host, $"round {round}");
                    cleanStops++;
                }
                else
                {
                    await host.KillAsync();
                    kills++;
                }

                await load.CancelAsync();
                await Task.WhenAll(workers);
                options.Log($"Round {round}: {(clean ? "SIGTERM" : "SIGKILL")} after {active.Count(l => l.LoanId is not null)} applications, {active.Sum(l => l.AcknowledgedCount)} acknowledged commands");
            }

            await host.StartAsync(TimeSpan.FromMinutes(2));
            await CheckRehydrationAsync(host, loans);
            await FinishAsync(loans);
            await CheckNotificationsAsync(host, loans);
            await CheckAuditAsync();
            await CheckKycDecisionsAsync(loans);
            await StopCleanlyAsync(host, "the end");
            CheckStore(dataPath);
        }
        catch (Exception e)
        {
            _violations.Add($"The drill broke off: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _http.Dispose();
            await host.KillAsync();
            if (_violations.Count == 0)
            {
                TryDelete(dataPath);
            }
            else
            {
                _violations.Add($"Data kept in {dataPath}; last output:\n{Tail(host.Output, 60)}");
            }
        }

        var lost = loans.Count(l => l.LoanId is not null && l.FinalStatus != l.ExpectedStatus) + _violations.Count(v => v.StartsWith("Lost: ", StringComparison.Ordinal) && v.Contains("KycVerified", StringComparison.Ordinal));
        var duplicated = _violations.Count(v => v.StartsWith("Duplicated", StringComparison.Ordinal));
        return new CrashDrillReport(kills, cleanStops, loans.Count, loans.Sum(l => l.AcknowledgedCount + (l.KycAcknowledged ? 1 : 0)), lost, duplicated,
            ApprovalEmails().Sum(pair => pair.Value), _resent, _inDoubt, _rehydrated, watch.Elapsed, _violations);
    }

    /// <summary>Steps each loan of a worker in turn until the round ends; every failure (the kill) is just retried.</summary>
    private async Task DriveAsync(List<DrillLoan> loans, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && loans.Any(l => l.FinalStatus is null))
        {
            foreach (var loan in loans.Where(l => l.FinalStatus is null))
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    await StepAsync(loan);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
                {
                    // The platform is down or went down mid-request: the answer is unknown, and the next step finds out.
                }
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Sends the customer's next command if its last acknowledged one has visibly taken effect.</summary>
    private async Task StepAsync(DrillLoan loan)
    {
        if (!loan.KycDecided)
        {
            using var decided = await SendAsStaffAsync($"/users/{loan.Customer.UserId}/kyc/decisions", "Admin", new { decision = "verify" });
            // A 409 says the customer is no longer waiting for review: an earlier try whose answer the kill cut off decided it.
            loan.KycAcknowledged |= decided.StatusCode == HttpStatusCode.OK;
            loan.KycDecided = decided.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict;
            return;
        }

        if (loan.LoanId is null)
        {
            using var applied = await SendAsync(HttpMethod.Post, "/loans", loan.Customer, new { amount = loan.Amount, tenorMonths = 12, purpose = "Renovasi rumah", monthlyIncome = 40_000_000 },
                new Dictionary<string, string> { ["Idempotency-Key"] = loan.IdempotencyKey });
            if (applied.StatusCode == HttpStatusCode.Accepted)
            {
                loan.LoanId = (await applied.Content.ReadFromJsonAsync<JsonObject>())!["loanId"]!.GetValue<string>();
                Acknowledge(loan, "Submitted");
            }

            return;
        }

        using var read = await SendAsync(HttpMethod.Get, $"/loans/{loan.LoanId}", loan.Customer);
        if (!read.IsSuccessStatusCode)
        {
            return;
        }

        var view = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        var status = view["status"]!.GetValue<string>();
        if (status is "approved" or "rejected" or "cancelled" or "expired")
        {
            loan.FinalStatus = status;
            return;
        }

        var history = await HistoryCountsAsync(loan);
        if (history is null || loan.Acknowledged.Any(ack => history.GetValueOrDefault(ack.Key) < ack.Value))
        {
            // An acknowledged command has not shown yet: sending another would test the drill, not the platform.
            return;
        }

        if (status != "pendingApproval" || view["currentStage"]?["deadline"] is null)
        {
            return;
        }

        var role = view["currentStage"]!["waitingForRole"]!.GetValue<string>();
        var (entry, path, body, asCustomer) = (role, loan.Plan) switch
        {
            ("Applicant", _) => ("InformationProvided", "information", (object)new { message = "Slip gaji terlampir." }, true),
            (_, DrillPlan.Cancel) => ("Cancelled", "cancel", new { reason = "Tidak jadi." }, true),
            (_, DrillPlan.Reject) => ("Rejected", "decisions", new { decision = "reject", reason = "Penghasilan belum cukup." }, false),
            (_, DrillPlan.ReferAnswerApprove) when history.GetValueOrDefault("ReferredToApplicant") == 0 =>
                ("ReferredToApplicant", "decisions", new { decision = "refer", reason = "Mohon kirim slip gaji." }, false),
            _ => ("StageApproved", "decisions", new { decision = "approve" }, false),
        };
        using var sent = asCustomer
            ? await SendAsync(HttpMethod.Post, $"/loans/{loan.LoanId}/{path}", loan.Customer, body)
            : await SendAsStaffAsync($"/loans/{loan.LoanId}/{path}", role, body);
        if (sent.IsSuccessStatusCode)
        {
            Acknowledge(loan, entry);
        }
    }

    private static void Acknowledge(DrillLoan loan, string historyEntry)
    {
        lock (loan)
        {
            loan.Acknowledged[historyEntry] = loan.Acknowledged.GetValueOrDefault(historyEntry) + 1;
        }
    }

    private async Task<Dictionary<string, int>?> HistoryCountsAsync(DrillLoan loan)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/loans/{loan.LoanId}/history", loan.Customer);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonArray>())!.GroupBy(e => e!["event"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count())
            : null;
    }

    /// <summary>Every loan known to be open now was re-hydrated (in memory, all of them are; on a durable backend, none need be).</summary>
    private async Task CheckRehydrationAsync(LocalHostProcess host, List<DrillLoan> loans)
    {
        var rehydrated = host.RehydratedLoans;
        if (rehydrated is null)
        {
            _violations.Add("The local host did not print how many loans it re-hydrated.");
            return;
        }

        _rehydrated += rehydrated.Value;
        if (options.Settings.GetValueOrDefault("Durable:Backend") is "AzureStorage")
        {
            return;
        }

        var open = 0;
        foreach (var loan in loans.Where(l => l.LoanId is not null && l.FinalStatus is null))
        {
            using var read = await SendAsync(HttpMethod.Get, $"/loans/{loan.LoanId}", loan.Customer);
            var status = (await read.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
            open += status is "approved" or "rejected" or "cancelled" or "expired" ? 0 : 1;
        }

        if (rehydrated < open)
        {
            _violations.Add($"Re-hydrated {rehydrated} loans, but {open} known loans are open.");
        }
    }

    private async Task FinishAsync(List<DrillLoan> loans)
    {
        var deadline = DateTime.UtcNow + options.FinishTimeout;
        while (loans.Any(l => l.FinalStatus is null) && DateTime.UtcNow < deadline)
        {
            foreach (var loan in loans.Where(l => l.FinalStatus is null))
            {
                await StepAsync(loan);
            }

            await Task.Delay(200);
        }

        foreach (var loan in loans)
        {
            if (loan.FinalStatus != loan.ExpectedStatus)
            {
                _violations.Add($"Lost: loan {loan.LoanId ?? "(never acknowledged)"} ({loan.Plan}) ended {loan.FinalStatus ?? "open"}, not {loan.ExpectedStatus}; acknowledged {Describe(loan.Acknowledged)}.");
                continue;
            }

            var history = (await HistoryCountsAsync(loan))!;
            foreach (var (entry, acknowledged) in loan.Acknowledged)
            {
                var seen = history.GetValueOrDefault(entry);
                if (seen < acknowledged)
                {
                    _violations.Add($"Lost: loan {loan.LoanId} acknowledged {acknowledged} × {entry}, its history has {seen}.");
                }
            }

            foreach (var entry in new[] { "Submitted", "StageApproved", "Rejected", "Cancelled", "ReferredToApplicant", "InformationProvided", "Approved" })
            {
                if (history.GetValueOrDefault(entry) > 1)
                {
                    _violations.Add($"Duplicated: loan {loan.LoanId} has {history[entry]} × {entry} in its history.");
                }
            }
        }
    }

    /// <summary>One approval email per approved loan and none for the others; no message (by Message-ID) delivered twice.</summary>
    private async Task CheckNotificationsAsync(LocalHostProcess host, List<DrillLoan> loans)
    {
        var spool = Path.Combine(host.DataPath, "notifications", "queue");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline
            && (InProcessEventQueue.PendingIn(spool).Count > 0 || loans.Any(l => l.FinalStatus == "approved" && ApprovalEmails().GetValueOrDefault(l.Customer.Email) == 0)))
        {
            await Task.Delay(500);
        }

        if (InProcessEventQueue.PendingIn(spool) is { Count: > 0 } left)
        {
            _violations.Add($"The notification queue still holds {left.Count} event(s).");
        }

        var deadLetters = Path.Combine(host.DataPath, "notifications", "dead-letter");
        if (Directory.Exists(deadLetters) && Directory.EnumerateFiles(deadLetters).Any())
        {
            _violations.Add($"Dead-lettered notifications: {string.Join(", ", Directory.EnumerateFiles(deadLetters).Select(Path.GetFileName))}.");
        }

        var approvals = ApprovalEmails();
        foreach (var loan in loans)
        {
            var expected = loan.FinalStatus == "approved" ? 1 : 0;
            var got = approvals.GetValueOrDefault(loan.Customer.Email);
            if (got != expected)
            {
                _violations.Add($"{(got > expected ? "Duplicated" : "Lost")}: {got} approval email(s) for loan {loan.LoanId} ({loan.FinalStatus}).");
            }
        }

        // SMTP has no idempotent send: a kill after the server took a message and before its delivery was recorded leaves
        // the delivery in doubt, and it must not be sent again (counted from the warning the platform logs for it).
        _resent = CapturedMessages().GroupBy(m => m.MessageId).Sum(g => g.Count() - 1);
        if (_resent > 0)
        {
            _violations.Add($"{_resent} message(s) sent again under the same Message-ID.");
        }

        _inDoubt = host.Output.Split('\n').Count(l => l.Contains("by a delivery that stopped before it was confirmed", StringComparison.Ordinal));
    }

    /// <summary>Per recipient, distinct approval messages (by Message-ID): a re-send of one message is not a second notification.</summary>
    private Dictionary<string, int> ApprovalEmails() =>
        CapturedMessages().Where(m => ApprovalSubjects.Contains(m.Subject)).GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Select(m => m.MessageId).Distinct().Count());

    private sealed record CapturedMessage(string To, string Subject, string MessageId);

    private List<CapturedMessage> CapturedMessages()
    {
        var messages = new List<CapturedMessage>();
        if (!Directory.Exists(options.SmtpFolder))
        {
            return messages;
        }

        foreach (var file in Directory.EnumerateFiles(options.SmtpFolder, "*.eml"))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (IOException)
            {
                continue;
            }

            string Header(string name) => lines.TakeWhile(l => l.Length > 0).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim() ?? "";
            var to = Header("To");
            messages.Add(new CapturedMessage(to.Contains('<', StringComparison.Ordinal) ? to[(to.IndexOf('<', StringComparison.Ordinal) + 1)..].TrimEnd('>') : to, Header("Subject"), Header("Message-ID")));
        }

        return messages;
    }

    private async Task CheckAuditAsync()
    {
        using var verify = await SendAsStaffAsync("/audit/verify", "Auditor", null, HttpMethod.Get);
        var body = await verify.Content.ReadAsStringAsync();
        if (!verify.IsSuccessStatusCode || JsonNode.Parse(body)?["valid"]?.GetValue<bool>() != true)
        {
            _violations.Add($"/audit/verify answered {(int)verify.StatusCode}: {body}");
        }
    }

    /// <summary>Each customer's KYC decision took effect once: one audit record of it, however often it was sent.</summary>
    private async Task CheckKycDecisionsAsync(List<DrillLoan> loans)
    {
        // A decision's event left after a kill reaches the trail with the outbox sweeper's next round.
        var settled = DateTime.UtcNow.AddSeconds(30);
        foreach (var loan in loans.Where(l => l.KycDecided))
        {
            int? records;
            while (true)
            {
                using var search = await SendAsStaffAsync($"/audit?subject={loan.Customer.UserId}", "Auditor", null, HttpMethod.Get);
                var items = search.IsSuccessStatusCode ? (await search.Content.ReadFromJsonAsync<JsonObject>())?["items"]?.AsArray() : null;
                records = items?.Count(r => r?["action"]?.GetValue<string>() == "KycVerified");
                if (records is not 0 || DateTime.UtcNow > settled)
                {
                    break;
                }

                await Task.Delay(500);
            }

            if (records != 1)
            {
                _violations.Add($"{(records > 1 ? "Duplicated" : "Lost")}: {records?.ToString(CultureInfo.InvariantCulture) ?? "no answer:"} KycVerified audit record(s) for customer {loan.Customer.UserId} (acknowledged: {loan.KycAcknowledged}).");
            }
        }
    }

    /// <summary>SIGTERM: the process must exit 0, log no error and hit no disposed object on its way down.</summary>
    private async Task StopCleanlyAsync(LocalHostProcess host, string when)
    {
        var before = host.OutputOfThisStart.Length;
        var exitCode = await host.StopAsync(TimeSpan.FromSeconds(60));
        var stopping = host.OutputOfThisStart[before..];
        if (exitCode != 0)
        {
            _violations.Add($"A clean stop at {when} exited with {exitCode}.");
        }

        var lines = stopping.Split('\n');
        var errors = lines.Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("ObjectDisposedException", StringComparison.Ordinal)).ToList();
        foreach (var line in errors.Distinct().Take(5))
        {
            _violations.Add($"A clean stop at {when} logged: {line.Trim()}");
        }
    }

    /// <summary>
    /// After the last stop, from the Loans store itself: no unpublished event left, and every open-application claim names
    /// a loan that was written and has ended (every application was retried with its key until acknowledged, so none may
    /// hold a claim without its loan, and none may still bind its customer).
    /// </summary>
    private void CheckStore(string dataPath)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataPath, "loans", "loans.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var loanStatuses = new Dictionary<string, string?>(StringComparer.Ordinal);
        using (var outbox = connection.CreateCommand())
        {
            outbox.CommandText = "SELECT id, body FROM documents WHERE type = 'loan'";
            using var reader = outbox.ExecuteReader();
            while (reader.Read())
            {
                var loan = JsonNode.Parse(reader.GetString(1));
                loanStatuses[reader.GetString(0)] = loan?["status"]?.GetValue<string>();
                if (loan?["pendingEvents"] is JsonArray { Count: > 0 } pending)
                {
                    _violations.Add($"Loan {reader.GetString(0)} still holds {pending.Count} unpublished event(s).");
                }
            }
        }

        using var claims = connection.CreateCommand();
        claims.CommandText = "SELECT pk, body FROM documents WHERE type = 'openApplication'";
        using var claimReader = claims.ExecuteReader();
        while (claimReader.Read())
        {
            var loanId = JsonNode.Parse(claimReader.GetString(1))?["loanId"]?.GetValue<string>() ?? "";
            if (!loanStatuses.TryGetValue(loanId, out var status))
            {
                _violations.Add($"The open-application claim of customer {claimReader.GetString(0)} names loan {loanId}, which was never written.");
            }
            else if (!Enum.TryParse<LoanStatus>(status, ignoreCase: true, out var ended) || !ended.IsFinal())
            {
                _violations.Add($"The open-application claim of customer {claimReader.GetString(0)} still binds: its loan {loanId} is {status}.");
            }
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, PlatformClient.Customer customer, object? body = null, Dictionary<string, string>? headers = null) =>
        SendWithTokenAsync(method, path, body, headers, customer.Email, () => LoginAsync(customer.Email, customer.Password));

    private Task<HttpResponseMessage> SendAsStaffAsync(string path, string role, object? body, HttpMethod? method = null)
    {
        var email = role switch
        {
            "SeniorLoanOfficer" => "senior@staff.local",
            "Admin" => "admin@staff.local",
            "Auditor" => "auditor@staff.local",
            _ => "officer1@staff.local",
        };
        return SendWithTokenAsync(method ?? HttpMethod.Post, path, body, null, email, () => LoginAsync(email, RunningPlatform.StaffPassword));
    }

    /// <summary>Sends with the account's token, signing in first or again when it is missing or refused.</summary>
    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpMethod method, string path, object? body, Dictionary<string, string>? headers, string account, Func<Task<string>> login)
    {
        for (var attempt = 0; ; attempt++)
        {
            string? token;
            lock (_tokens)
            {
                _tokens.TryGetValue(account, out token);
            }

            if (token is null)
            {
                token = await login();
                lock (_tokens)
                {
                    _tokens[account] = token;
                }
            }

            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var (name, value) in headers ?? [])
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            var response = await _http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0)
            {
                return response;
            }

            response.Dispose();
            lock (_tokens)
            {
                _tokens.Remove(account);
            }
        }
    }

    private async Task<string> LoginAsync(string email, string password)
    {
        using var response = await _http.PostAsJsonAsync("/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    private static string Describe(Dictionary<string, int> acknowledged) =>
        acknowledged.Count == 0 ? "nothing" : string.Join(", ", acknowledged.Select(a => $"{a.Value} × {a.Key}"));

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
