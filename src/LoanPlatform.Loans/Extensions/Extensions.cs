using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Apis;
using LoanPlatform.Loans.Audit;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Services;
using LoanPlatform.Loans.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Loans.Extensions;

public static class Extensions
{
    public const string ServiceName = "loans";

    /// <summary>
    /// The Loans service's rules, store and clients. The host adds the Durable Task client (and, locally, the engine)
    /// and registers <see cref="Orchestrations.LoanWorkflowEngine"/> over it.
    /// </summary>
    public static IHostApplicationBuilder AddLoansServices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<WorkflowOptions>(builder.Configuration.GetSection(WorkflowOptions.SectionName));
        builder.Services.AddSingleton<WorkflowCatalog>();
        builder.Services.AddHostedService<WorkflowCatalogStartupCheck>();
        builder.AddDocumentStore(ServiceName);
        builder.Services.AddDocumentType<LoanApplication>(LoanDocumentTypes.Loan);
        builder.Services.AddDocumentType<OpenApplicationClaim>(LoanDocumentTypes.OpenApplicationClaim);
        // A loan's writers answer someone waiting (an officer, the applicant, an orchestration), and its transitions'
        // audit records gather into fuller blocks once nobody waits for them.
        builder.AddOutbox<LoanApplication>(OutboxPublishing.InTheBackground);
        // The Loans service hosts the platform's audit trail (the /audit API) and audits its own transitions into it.
        builder.Services.AddAuditTrail();
        builder.Services.AddSingleton<IOutboxPublisher, LoanAuditPublisher>();
        builder.Services.AddSingleton<AuditRequestQueueHandler>();
        builder.Services.AddSingleton<LoanRepository>();
        builder.Services.AddSingleton<LoanProgressService>();
        builder.Services.AddScoped<LoanApplicationService>();
        builder.Services.AddScoped<LoanDecisionService>();
        builder.Services.AddScoped<LoanQueryService>();
        builder.Services.AddSingleton<LoanRehydrator>();
        builder.Services.AddSingleton<OrchestrationHistoryPurger>();
        builder.Services.AddInternalApiClient<UsersDirectoryClient>("Services:Users:InternalUrl", builder.Configuration);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(LoansApi.DecidersPolicy, policy => policy.RequireRole([.. PlatformRoles.Deciders, PlatformRoles.Admin]));
        return builder;
    }
}
