using BenchmarkDotNet.Attributes;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Benchmarks;

/// <summary>
/// The embedded store's three calls on a hot path, on a file with a few thousand documents: a point read, an
/// ETag-checked replace and a create, each of a loan-sized document (~4 KB); and reads of other documents right after a
/// write, as a platform's services make them (a write changes the file, so every other session's page cache is stale).
/// </summary>
[MemoryDiagnoser]
public class DocumentStoreBenchmarks
{
    private const int Documents = 2_000;

    private string _folder = "";
    private IHost _host = null!;
    private IDocumentStore<BenchDocument> _store = null!;
    private BenchDocument _document = null!;
    private string _etag = "";
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "loanplatform-bench-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Path"] = _folder });
        builder.AddDocumentStore("bench");
        builder.Services.AddDocumentType<BenchDocument>("benchDocument");
        _host = builder.Build();
        await _host.StartAsync();
        _store = _host.Services.GetRequiredService<IDocumentStore<BenchDocument>>();
        _document = new BenchDocument(string.Concat(Enumerable.Repeat("history entry of a loan; ", 160)), 1);
        for (var i = 0; i < Documents; i++)
        {
            var stored = await _store.CreateAsync($"p{i}", $"d{i}", _document);
            _etag = stored.ETag;
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<StoredDocument<BenchDocument>?> PointRead() => _store.FindAsync("p1000", "d1000");

    [Benchmark]
    public async Task<string> Replace()
    {
        var stored = await _store.ReplaceAsync($"p{Documents - 1}", $"d{Documents - 1}", _document with { Version = _next++ }, _etag);
        _etag = stored.ETag;
        return _etag;
    }

    [Benchmark]
    public async Task<int> FourReadsAfterAWrite()
    {
        await Replace();
        var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _store.FindAsync($"p{i * 400}", $"d{i * 400}")));
        return reads.Length;
    }

    [Benchmark]
    public Task<StoredDocument<BenchDocument>> Create()
    {
        var id = Guid.NewGuid().ToString("N");
        return _store.CreateAsync(id, id, _document);
    }

    public sealed record BenchDocument(string Text, int Version);
}
