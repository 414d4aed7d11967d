using Likeness.Core.Providers;

namespace Likeness.Providers.Http;

/// <summary>
/// Per-request facts the provider handlers read from <see cref="HttpRequestMessage.Options"/>, so one handler
/// stack serves every provider client: what kind of request it is, and a label for the logs.
/// </summary>
public static class ProviderRequest
{
    /// <summary>The request's <see cref="RequestKind"/>.</summary>
    public static readonly HttpRequestOptionsKey<RequestKind> KindKey = new("Likeness.RequestKind");

    /// <summary>
    /// Set on a <see cref="RequestKind.Submission"/> that creates no paid work (a file upload, a model to train into, a
    /// cancel): it is not re-sent blindly, but it does not raise the caller's sending signal (<see cref="SubmissionWatch"/>).
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> UnpaidKey = new("Likeness.Unpaid");

    /// <summary>Set on a request whose body the caller streams (see <see cref="ResponseBufferingHandler"/>).</summary>
    public static readonly HttpRequestOptionsKey<bool> StreamedKey = new("Likeness.StreamedResponse");

    /// <summary>Marks <paramref name="request"/>'s answer as streamed by the caller (not read in the attempt) and returns it.</summary>
    public static HttpRequestMessage WithStreamedResponse(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(StreamedKey, true);
        return request;
    }

    /// <summary>Whether <paramref name="request"/>'s answer is streamed by the caller.</summary>
    public static bool IsStreamed(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(StreamedKey, out bool streamed) && streamed;
    }

    /// <summary>Marks <paramref name="request"/> as creating no paid work (<see cref="UnpaidKey"/>) and returns it.</summary>
    public static HttpRequestMessage Unpaid(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(UnpaidKey, true);
        return request;
    }

    /// <summary>Whether <paramref name="request"/> is a submission that creates paid work: a submission not marked <see cref="Unpaid"/>.</summary>
    public static bool CreatesPaidWork(HttpRequestMessage? request) =>
        KindOf(request) == RequestKind.Submission && !(request is not null && request.Options.TryGetValue(UnpaidKey, out bool unpaid) && unpaid);

    /// <summary>Marks <paramref name="request"/> as <paramref name="kind"/> and returns it.</summary>
    public static HttpRequestMessage WithKind(this HttpRequestMessage request, RequestKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(KindKey, kind);
        return request;
    }

    /// <summary>
    /// The kind set on <paramref name="request"/>; unmarked requests count as submissions when their method
    /// is POST or PATCH (the safe guess: never re-sent when ambiguous) and as idempotent otherwise.
    /// </summary>
    public static RequestKind KindOf(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return RequestKind.Submission;
        }

        if (request.Options.TryGetValue(KindKey, out RequestKind kind))
        {
            return kind;
        }

        return request.Method == HttpMethod.Post || request.Method == HttpMethod.Patch ? RequestKind.Submission : RequestKind.Idempotent;
    }
}
