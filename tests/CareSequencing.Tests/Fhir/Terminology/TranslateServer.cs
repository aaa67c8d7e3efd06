using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CareSequencing.Tests.Fhir.Terminology;

/// <summary>
/// A FHIR terminology server on the loopback interface answering <c>ConceptMap/$translate</c> by the code asked:
/// <c>match…</c> gives ATC N06AB06, <c>nomatch</c> result false, <c>error</c> HTTP 500, <c>slow</c> a match after 10 s,
/// <c>malformed</c> a body that is not JSON, <c>patient</c> a Patient. It counts the calls.
/// </summary>
internal sealed class TranslateServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private int _calls;

    public TranslateServer()
    {
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/fhir/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The last request's parameters, name → value.</summary>
    public IReadOnlyDictionary<string, string> LastParameters { get; private set; } = new Dictionary<string, string>();

    public string? LastPath { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var parameters = Parameters(await reader.ReadToEndAsync());
            LastParameters = parameters;
            LastPath = context.Request.Url?.AbsolutePath;
            var code = parameters.GetValueOrDefault("code", "");
            var (status, body) = code switch
            {
                "nomatch" => (200, """{ "resourceType": "Parameters", "parameter": [ { "name": "result", "valueBoolean": false }, { "name": "message", "valueString": "no match" } ] }"""),
                "error" => (500, """{ "resourceType": "OperationOutcome", "issue": [ { "severity": "error", "code": "exception", "diagnostics": "boom for code error" } ] }"""),
                "malformed" => (200, "{ this is not json"),
                "patient" => (200, """{ "resourceType": "Patient", "id": "x" }"""),
                "noresult" => (200, """{ "resourceType": "Parameters", "parameter": [ { "name": "message", "valueString": "?" } ] }"""),
                "narrow" => (200, Match("narrower")),
                _ => (200, Match("equivalent")),
            };
            if (code == "slow") await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
            if (code.StartsWith("match", StringComparison.Ordinal)) await Task.Delay(20, _stop.Token); // long enough for concurrent callers to overlap
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/fhir+json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // the test ended, or the client gave up (a timeout test)
        }
    }

    private static string Match(string equivalence) => $$"""
        { "resourceType": "Parameters", "parameter": [
          { "name": "result", "valueBoolean": true },
          { "name": "match", "part": [
            { "name": "equivalence", "valueCode": "{{equivalence}}" },
            { "name": "concept", "valueCoding": { "system": "http://www.whocc.no/atc", "code": "N06AB06", "display": "sertraline" } },
            { "name": "source", "valueUri": "https://tx.example.org/ConceptMap/cip-atc" } ] },
          { "name": "match", "part": [
            { "name": "equivalence", "valueCode": "equivalent" },
            { "name": "concept", "valueCoding": { "system": "http://snomed.info/sct", "code": "372594008" } } ] } ] }
        """;

    private static Dictionary<string, string> Parameters(string json)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var parameter in document.RootElement.GetProperty("parameter").EnumerateArray())
        {
            var name = parameter.GetProperty("name").GetString()!;
            foreach (var property in parameter.EnumerateObject())
                if (property.Name.StartsWith("value", StringComparison.Ordinal)) found[name] = property.Value.GetString()!;
        }
        return found;
    }
}
