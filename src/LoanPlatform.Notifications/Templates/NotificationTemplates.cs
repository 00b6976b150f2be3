using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoanPlatform.BuildingBlocks.Indonesia;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Templates;

/// <summary>
/// Templates per event type and language, embedded as <c>{Type}_{language}.txt</c> (an underscore, as a dot before a
/// language code would make MSBuild build a satellite assembly): the subject, a <c>---</c> line, the email body, then a
/// <c>--- push</c> line and the push text (the subject is the push title). Placeholders name payload fields
/// (<c>{loanId}</c>), or <c>{firstName}</c>; <c>:idr</c> formats rupiah, <c>:datetime</c> a moment in the customer's time zone.
/// Bahasa Indonesia is the default when the user's language has no template.
/// </summary>
public sealed partial class NotificationTemplates
{
    public const string DefaultLanguage = "id";

    // Rupiah are written "Rp 10.000.000" in both languages: the convention of Indonesian banks' English statements too.
    private static readonly NumberFormatInfo Rupiah = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", NumberDecimalDigits = 0 };

    private const string PushSeparator = "\n--- push\n";

    private readonly Dictionary<(string Type, string Language), Template> _templates = Load();

    public bool Handles(string eventType) => _templates.Keys.Any(key => key.Type == eventType);

    public EmailMessage RenderEmail(OutboxEvent outboxEvent, NotificationContact contact)
    {
        var (language, template) = Select(outboxEvent, contact);
        return new EmailMessage(outboxEvent.EventId, contact.Email, language, Fill(template.Subject, outboxEvent.Payload, contact), Fill(template.Body, outboxEvent.Payload, contact));
    }

    public PushNotification RenderPush(OutboxEvent outboxEvent, NotificationContact contact)
    {
        var (language, template) = Select(outboxEvent, contact);
        var path = outboxEvent.Payload.TryGetProperty("loanId", out var loanId) && loanId.ValueKind == JsonValueKind.String
            ? $"/loans/{loanId.GetString()}"
            : null;
        return new PushNotification(outboxEvent.EventId, outboxEvent.Type, language,
            Fill(template.Subject, outboxEvent.Payload, contact), Fill(template.Push, outboxEvent.Payload, contact), path);
    }

    public static string FormatRupiah(long amount) => "Rp " + amount.ToString("N0", Rupiah);

    private static string Fill(string text, JsonElement payload, NotificationContact contact) =>
        Placeholder().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            if (name == "firstName")
            {
                return contact.FirstName;
            }

            if (!payload.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                throw new PermanentNotificationException($"The event has no '{name}' for its template.");
            }

            return match.Groups["format"].Value switch
            {
                "idr" => FormatRupiah(value.GetInt64()),
                "datetime" => FormatLocalTime(value.GetDateTimeOffset(), contact),
                _ => value.ToString(),
            };
        });

    /// <summary>
    /// A moment as the customer reads a clock: in the time zone of their quiet hours when they set one (the only zone we
    /// know them by), else WIB, e.g. "2026-11-28 14:30 WITA".
    /// </summary>
    public static string FormatLocalTime(DateTimeOffset moment, NotificationContact contact)
    {
        var zone = contact.Preferences.QuietHours?.TimeZone is { } chosen && IndonesianTimeZones.IsKnown(chosen) ? chosen : IndonesianTimeZones.Western;
        return moment.ToOffset(IndonesianTimeZones.OffsetOf(zone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + IndonesianTimeZones.AbbreviationOf(zone);
    }

    private (string Language, Template Template) Select(OutboxEvent outboxEvent, NotificationContact contact)
    {
        var language = _templates.ContainsKey((outboxEvent.Type, contact.Language)) ? contact.Language : DefaultLanguage;
        return (language, _templates[(outboxEvent.Type, language)]);
    }

    private static Dictionary<(string, string), Template> Load()
    {
        var assembly = typeof(NotificationTemplates).Assembly;
        const string prefix = "LoanPlatform.Notifications.Templates.";
        var templates = new Dictionary<(string, string), Template>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var parts = resource[prefix.Length..^".txt".Length].Split('_');
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var text = reader.ReadToEnd().ReplaceLineEndings("\n");
            var separator = text.IndexOf("\n---\n", StringComparison.Ordinal);
            var push = text.IndexOf(PushSeparator, StringComparison.Ordinal);
            if (separator < 0 || push < separator)
            {
                throw new InvalidOperationException($"Template {resource} needs a subject, a '---' line, the body, a '--- push' line and the push text.");
            }

            templates[(parts[0], parts[1])] = new Template(
                text[..separator].Trim(), text[(separator + 5)..(push + 1)], text[(push + PushSeparator.Length)..].Trim());
        }

        return templates;
    }

    private sealed record Template(string Subject, string Body, string Push);

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:(?<format>[a-z]+))?\}")]
    private static partial Regex Placeholder();
}
