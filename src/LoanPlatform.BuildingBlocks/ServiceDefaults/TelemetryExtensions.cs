using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LoanPlatform.BuildingBlocks.ServiceDefaults;

/// <summary>
/// OpenTelemetry for traces, metrics and logs. Azure Monitor (with Entra auth through the app's managed identity) when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set, OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, the console on request.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Every LoanPlatform ActivitySource and Meter starts with this, so one wildcard picks them all up.</summary>
    public const string SourcePrefix = "LoanPlatform.";

    public static IHostApplicationBuilder ConfigurePlatformTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var configuration = builder.Configuration;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: $"loanplatform-{serviceName}"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SourcePrefix + "*"))
            .WithTracing(tracing => tracing
                .AddSource(SourcePrefix + "*")
                .AddSource("Microsoft.DurableTask*")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        var appInsights = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (!string.IsNullOrWhiteSpace(appInsights))
        {
            // Entra auth for ingestion: the connection string carries no secret and local auth is off on the resource.
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration["AZURE_CLIENT_ID"] });
            otel.WithTracing(t => t.AddAzureMonitorTraceExporter(o => { o.ConnectionString = appInsights; o.Credential = credential; }))
                .WithMetrics(m => m.AddAzureMonitorMetricExporter(o => { o.ConnectionString = appInsights; o.Credential = credential; }));
            builder.Logging.AddOpenTelemetry(l => l.AddAzureMonitorLogExporter(o => { o.ConnectionString = appInsights; o.Credential = credential; }));
        }

        if (configuration.GetValue<bool>("Telemetry:Console"))
        {
            otel.WithTracing(t => t.AddConsoleExporter());
        }

        return builder;
    }
}
