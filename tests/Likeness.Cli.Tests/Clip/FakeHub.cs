using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Likeness.Cli.Tests.Clip;

/// <summary>
/// A Hugging Face hub stand-in on 127.0.0.1 with the hub's URL layout: <c>/api/models/{repo}/tree/{rev}</c> (with
/// <c>lfs.oid</c> = SHA-256 for the weights, <c>oid</c> = git blob SHA-1 for the config) and
/// <c>/{repo}/resolve/{rev}/{file}</c> with HTTP Range support. It can cut the first weights download short and
/// can serve bytes that do not match the listing.
/// </summary>
internal sealed class FakeHub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files;
    private readonly string _prefix;
    private int _cutsLeft;

    public FakeHub(string repository, string revision, Dictionary<string, byte[]> files)
    {
        _files = files;
        _prefix = $"/{repository}/resolve/{revision}/";
        TreePath = $"/api/models/{repository}/tree/{revision}";
        int port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public string TreePath { get; }

    /// <summary>Range headers received for file downloads, in order ("" when none).</summary>
    public List<string> RangeRequests { get; } = [];

    /// <summary>Bytes served in place of the real weights (the listing still describes the real ones).</summary>
    public byte[]? TamperedWeights { get; set; }

    /// <summary>Answer every request with a web page, as a wrong mirror or a captive portal does.</summary>
    public bool AnswersWithWebPage { get; set; }

    /// <summary>Cut the next weights download(s) after half the bytes.</summary>
    public void CutNextDownloads(int count) => _cutsLeft = count;

    public void Dispose() => _listener.Close();

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away or the connection was cut on purpose.
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        string path = context.Request.Url!.AbsolutePath;
        HttpListenerResponse response = context.Response;
        if (AnswersWithWebPage)
        {
            await WriteAsync(response, 200, Encoding.UTF8.GetBytes("<html><body>Sign in to continue</body></html>"));
            return;
        }

        if (path == TreePath)
        {
            await WriteAsync(response, 200, Encoding.UTF8.GetBytes(Listing()));
            return;
        }

        if (!path.StartsWith(_prefix, StringComparison.Ordinal) || !_files.TryGetValue(path[_prefix.Length..], out byte[]? content))
        {
            await WriteAsync(response, 404, Encoding.UTF8.GetBytes("Entry not found"));
            return;
        }

        string file = path[_prefix.Length..];
        if (file == "model.safetensors" && TamperedWeights is not null)
        {
            content = TamperedWeights;
        }

        string? range = context.Request.Headers["Range"];
        RangeRequests.Add(range ?? string.Empty);
        long start = 0;
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            start = long.Parse(range[6..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
        }

        response.StatusCode = start > 0 ? 206 : 200;
        response.ContentLength64 = content.Length - start;
        if (start > 0)
        {
            response.Headers["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }

        if (file == "model.safetensors" && _cutsLeft > 0)
        {
            _cutsLeft--;
            int half = content.Length / 2;
            await response.OutputStream.WriteAsync(content.AsMemory((int)start, half - (int)start));
            await response.OutputStream.FlushAsync();
            response.Abort();
            return;
        }

        await response.OutputStream.WriteAsync(content.AsMemory((int)start));
        response.Close();
    }

    private string Listing()
    {
        var entries = _files.Select(f => f.Key == "model.safetensors"
            ? (object)new { type = "file", oid = "0000000000000000000000000000000000000000", size = 135, path = f.Key, lfs = new { oid = Convert.ToHexStringLower(SHA256.HashData(f.Value)), size = f.Value.Length, pointerSize = 135 } }
            : new { type = "file", oid = GitBlobSha1(f.Value), size = f.Value.Length, path = f.Key });
        return JsonSerializer.Serialize(entries);
    }

    private static string GitBlobSha1(byte[] content)
    {
#pragma warning disable CA5350 // git's object naming, not security.
        return Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
#pragma warning restore CA5350
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }
}
