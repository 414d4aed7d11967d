using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Astria.Callbacks;

/// <summary>What <see cref="AstriaCallbacks.Receive"/> did with a delivery.</summary>
public enum AstriaCallbackDisposition
{
    /// <summary>The secret matched and the waiting job was woken.</summary>
    Processed,

    /// <summary>The secret matched, but the job had already been completed (a redelivery, or polling got there first).</summary>
    Duplicate,

    /// <summary>Refused: unknown job, wrong or missing secret, malformed body.</summary>
    Rejected,
}

/// <summary>The verdict and the HTTP status to answer with (Astria does not retry callbacks, whatever the answer).</summary>
public sealed record AstriaCallbackResult(AstriaCallbackDisposition Disposition, int HttpStatus, string? Job, string? Reason);

/// <summary>
/// Astria's callbacks are unsigned and never retried (providers.md §3.3). So each job gets its own random secret in
/// the callback URL's query string (<c>likeness_job</c>, <c>likeness_secret</c>), compared in constant time on
/// arrival; a verified callback only wakes the job, which then reads its state from the API, so a forged body can
/// change nothing and a lost callback only delays the next poll. Each job completes once: redeliveries are
/// reported as duplicates. Secrets live in this process; a job resumed after a restart is followed by polling.
/// </summary>
public sealed class AstriaCallbacks(Uri? baseUrl, TimeProvider? time = null, ILogger? logger = null)
{
    /// <summary>The query parameter naming the job.</summary>
    public const string JobParameter = "likeness_job";

    /// <summary>The query parameter carrying the job's secret.</summary>
    public const string SecretParameter = "likeness_secret";

    private static readonly TimeSpan Remembered = TimeSpan.FromHours(6);
    private readonly ConcurrentDictionary<string, Ticket> _jobs = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _log = logger ?? NullLogger.Instance;
    private readonly ConcurrentQueue<AstriaCallbackResult> _received = new();

    /// <summary>Whether callbacks are configured at all.</summary>
    public bool Enabled => baseUrl is not null;

    /// <summary>Deliveries received, in order (for diagnostics and tests).</summary>
    public IReadOnlyCollection<AstriaCallbackResult> Received => [.. _received];

    /// <summary>Opens a job: a fresh secret and the callback URL to send with it; null when callbacks are off.</summary>
    public AstriaCallbackTicket? Open(string job)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        if (baseUrl is null)
        {
            return null;
        }

        Forget();
        string secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var ticket = new Ticket(secret, _time.GetUtcNow());
        if (!_jobs.TryAdd(job, ticket))
        {
            throw new InvalidOperationException($"Astria callback job '{job}' is already open.");
        }

        var builder = new UriBuilder(baseUrl);
        string query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? "" : query + "&") + $"{JobParameter}={Uri.EscapeDataString(job)}&{SecretParameter}={secret}";
        return new AstriaCallbackTicket(job, builder.Uri, ticket.Arrived.Task);
    }

    /// <summary>
    /// Handles one delivery from any HTTP host: the request's query parameters and its body. The body must be a JSON
    /// object with an <c>id</c> (the tune or prompt); its content is not trusted beyond that.
    /// </summary>
    public AstriaCallbackResult Receive(IReadOnlyDictionary<string, string> query, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? job = query.GetValueOrDefault(JobParameter);
        AstriaCallbackResult result = Check(job, query.GetValueOrDefault(SecretParameter), body);
        _received.Enqueue(result);
        if (result.Disposition == AstriaCallbackDisposition.Rejected)
        {
            AstriaLog.CallbackRefused(_log, job, result.Reason ?? "");
        }

        return result;
    }

    /// <summary>Marks a job completed by polling, so a late callback counts as a duplicate.</summary>
    public void Complete(string job)
    {
        if (_jobs.TryGetValue(job, out Ticket? ticket))
        {
            ticket.Arrived.TrySetResult();
        }
    }

    private AstriaCallbackResult Check(string? job, string? secret, ReadOnlySpan<byte> body)
    {
        if (job is null || !_jobs.TryGetValue(job, out Ticket? ticket))
        {
            return new AstriaCallbackResult(AstriaCallbackDisposition.Rejected, 404, job, "unknown job");
        }

        if (secret is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(secret), Encoding.ASCII.GetBytes(ticket.Secret)))
        {
            return new AstriaCallbackResult(AstriaCallbackDisposition.Rejected, 401, job, "wrong secret");
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("id", out _))
            {
                return new AstriaCallbackResult(AstriaCallbackDisposition.Rejected, 400, job, "the body is not a tune or a prompt");
            }
        }
        catch (JsonException ex)
        {
            return new AstriaCallbackResult(AstriaCallbackDisposition.Rejected, 400, job, "malformed body: " + ex.Message);
        }

        return ticket.Arrived.TrySetResult()
            ? new AstriaCallbackResult(AstriaCallbackDisposition.Processed, 200, job, null)
            : new AstriaCallbackResult(AstriaCallbackDisposition.Duplicate, 200, job, null);
    }

    /// <summary>Drops jobs opened long ago, so the table does not grow for ever.</summary>
    private void Forget()
    {
        DateTimeOffset cutoff = _time.GetUtcNow() - Remembered;
        foreach (var (job, ticket) in _jobs)
        {
            if (ticket.OpenedAt < cutoff)
            {
                _jobs.TryRemove(job, out _);
            }
        }
    }

    private sealed class Ticket(string secret, DateTimeOffset openedAt)
    {
        public string Secret { get; } = secret;

        public DateTimeOffset OpenedAt { get; } = openedAt;

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>An open callback job: the URL to give Astria, and a task that completes when its callback arrives.</summary>
public sealed record AstriaCallbackTicket(string Job, Uri Url, Task Arrived);
