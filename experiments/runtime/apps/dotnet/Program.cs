// perflab runtime payload: ASP.NET Core 8 minimal API (Kestrel, System.Text.Json).
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

const string NError = "n must be an integer between 1 and 100000";
var host = Env("HOST", "0.0.0.0");
var port = Env("PORT", "8080");

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders(); // no request or hosting logs on the hot path
builder.WebHost.UseUrls($"http://{host}:{port}");
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 1 << 20);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
var app = builder.Build();

// PERFLAB_SPIN_US: busy-wait this many microseconds per request (an injected, CPU-bound
// regression for the gate's trials). 0, the default, adds nothing.
if (!int.TryParse(Env("PERFLAB_SPIN_US", "0"), out var spinUs) || spinUs < 0 || spinUs > 1_000_000)
{
    Console.Error.WriteLine("PERFLAB_SPIN_US must be a whole number of microseconds 0..1000000");
    return 1;
}
if (spinUs > 0)
{
    var spinTicks = (long)(spinUs * (System.Diagnostics.Stopwatch.Frequency / 1_000_000.0));
    app.Use(async (context, next) =>
    {
        var end = System.Diagnostics.Stopwatch.GetTimestamp() + spinTicks;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < end) { }
        await next(context);
    });
}

var fixedDocument = new
{
    id = 1,
    name = "perflab",
    active = true,
    score = 99.5,
    tags = new[] { "alpha", "beta", "gamma" },
    items = new[]
    {
        new { sku = "A-100", qty = 2, price = 9.99 },
        new { sku = "B-200", qty = 1, price = 24.5 },
        new { sku = "C-300", qty = 5, price = 3.25 },
    },
};

app.MapGet("/health", () => Results.Json(new { status = "ok" }));
app.MapGet("/json", () => Results.Json(fixedDocument));

app.MapPost("/echo", async (HttpRequest request) =>
{
    using var body = new MemoryStream();
    try
    {
        await request.Body.CopyToAsync(body);
    }
    catch (BadHttpRequestException e) // over MaxRequestBodySize: 413
    {
        return Results.Json(new { error = "body too large" }, statusCode: e.StatusCode);
    }
    try
    {
        var node = JsonNode.Parse(body.ToArray());
        return Results.Text(node?.ToJsonString() ?? "null", "application/json");
    }
    catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
    {
        return Results.Json(new { error = "malformed JSON" }, statusCode: 400);
    }
});

app.MapGet("/compute", (HttpRequest request) =>
{
    var values = request.Query["n"];
    var s = values.Count > 0 ? values[0] : null;
    if (string.IsNullOrEmpty(s) || !s.All(char.IsAsciiDigit)
        || !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        || n < 1 || n > 100000)
    {
        return Results.Json(new { error = NError }, statusCode: 400);
    }
    return Results.Json(new { n, primes = CountPrimes(n) });
});

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"listening on {host}:{port}"));
app.Run(); // SIGTERM/SIGINT: stop accepting, drain in-flight requests, exit 0
return 0;

static string Env(string key, string fallback) =>
    Environment.GetEnvironmentVariable(key) is { Length: > 0 } value ? value : fallback;

// Count primes in [2, n] by plain trial division (same loop in every variant).
static int CountPrimes(int n)
{
    var count = 0;
    for (var k = 2; k <= n; k++)
    {
        var prime = true;
        for (var d = 2; d * d <= k; d++)
        {
            if (k % d == 0) { prime = false; break; }
        }
        if (prime) count++;
    }
    return count;
}
