using LoanPlatform.Console;

// The officer console on its own (Azure App Service); the local host builds the same app in-process behind its gateway.
var builder = WebApplication.CreateBuilder(args);
builder.AddOfficerConsole();
var app = builder.Build();
app.UseOfficerConsole();
app.Run();
