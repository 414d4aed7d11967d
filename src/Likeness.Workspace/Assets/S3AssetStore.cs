using System.Runtime.CompilerServices;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Likeness.Core.Assets;

namespace Likeness.Workspace.Assets;

/// <summary>Where an S3-compatible asset store is (AWS, MinIO, R2, a local test server).</summary>
public sealed record S3StoreOptions
{
    /// <summary>Bucket name.</summary>
    public required string Bucket { get; init; }

    /// <summary>Key prefix, e.g. "likeness/".</summary>
    public string Prefix { get; init; } = "assets/";

    /// <summary>Service URL for S3-compatible servers; null means AWS in <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>AWS region.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Access key id; null uses the SDK's default credential chain.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Secret key; never logged.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Checks the values at start-up.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new ArgumentException("The S3 asset store needs a bucket (LIKENESS_S3_BUCKET).");
        }

        if ((AccessKeyId is null) != (SecretAccessKey is null))
        {
            throw new ArgumentException("Give both an S3 access key id and a secret key, or neither.");
        }
    }
}

/// <summary>
/// Assets as objects keyed by their SHA-256 in an S3-compatible bucket. The content is hashed into a local
/// temporary file first, then uploaded with one PUT, which S3 applies atomically: readers see the whole
/// object or none, and the same content is uploaded once.
/// </summary>
public sealed class S3AssetStore : IAssetStore, IDisposable
{
    private readonly S3StoreOptions _options;
    private readonly AmazonS3Client _client;

    /// <summary>Connects to the bucket.</summary>
    public S3AssetStore(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var config = new AmazonS3Config { AuthenticationRegion = options.Region };
        if (options.ServiceUrl is { } url)
        {
            // S3-compatible servers often lack the SDK's aws-chunked uploads with trailing checksums: sign the
            // whole payload instead, and checksum only where the protocol requires it.
            config.ServiceURL = url.ToString();
            config.ForcePathStyle = true;
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        _client = options.AccessKeyId is null
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);
    }

    /// <summary>Where it stores.</summary>
    public S3StoreOptions Options => _options;

    /// <inheritdoc />
    public async Task<AssetRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        using HashedSpool spool = await HashedSpool.WriteAsync(content, Path.GetTempPath(), cancellationToken).ConfigureAwait(false);
        if (!await ExistsAsync(spool.Sha256, cancellationToken).ConfigureAwait(false))
        {
            await _client.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = _options.Bucket,
                    Key = KeyOf(spool.Sha256),
                    FilePath = spool.Path,
                    ContentType = contentType,
                    UseChunkEncoding = _options.ServiceUrl is null,
                },
                cancellationToken).ConfigureAwait(false);
        }

        return new AssetRef(spool.Sha256, spool.Size, contentType);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        string key = KeyOf(AssetStoreExtensions.ValidateSha256(sha256));
        try
        {
            GetObjectResponse response = await _client.GetObjectAsync(_options.Bucket, key, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"Asset {sha256} is not in s3://{_options.Bucket}/{_options.Prefix}.", key, ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default)
    {
        string key = KeyOf(AssetStoreExtensions.ValidateSha256(sha256));
        try
        {
            await _client.GetObjectMetadataAsync(_options.Bucket, key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public string Locate(string sha256) => $"s3://{_options.Bucket}/{KeyOf(AssetStoreExtensions.ValidateSha256(sha256))}";

    /// <inheritdoc />
    public async Task DeleteAsync(string sha256, CancellationToken cancellationToken = default) =>
        await _client.DeleteObjectAsync(_options.Bucket, KeyOf(AssetStoreExtensions.ValidateSha256(sha256)), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredAsset> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _options.Prefix };
        while (true)
        {
            ListObjectsV2Response page = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (S3Object item in page.S3Objects ?? [])
            {
                string name = item.Key[(item.Key.LastIndexOf('/') + 1)..];
                if (name.Length == 64 && string.Equals(item.Key, KeyOf(name), StringComparison.Ordinal))
                {
                    yield return new StoredAsset(name, item.Size ?? 0, item.LastModified is { } at ? new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue);
                }
            }

            if (page.IsTruncated != true)
            {
                break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>Closes the client.</summary>
    public void Dispose() => _client.Dispose();

    private string KeyOf(string sha256) => $"{_options.Prefix}{sha256[..2]}/{sha256}";
}
