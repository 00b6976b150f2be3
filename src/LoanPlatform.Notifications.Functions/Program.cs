using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.Functions.Hosting;
using LoanPlatform.Notifications.Extensions;
using Microsoft.Extensions.Hosting;
using NotificationsExtensions = LoanPlatform.Notifications.Extensions.Extensions;

// The Notifications service as an isolated-worker Function app, triggered by the notifications Storage queue.
var builder = PlatformFunctionsApplication.CreateBuilder(args, NotificationsExtensions.ServiceName);
builder.AddNotificationsServices();
// The audit trail's checkpoint writer runs under this app's identity, not the trail writer's (AuditCheckpointFunction).
builder.Services.AddAuditCheckpointWriter();
await builder.Build().RunAsync();
