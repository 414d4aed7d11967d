using Likeness.Core.Assets;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.References;

/// <summary>
/// Face boxes for references analysed before boxes were kept: their analysis found a face (and holds its descriptor)
/// but not where it is, so the character page can neither draw the box nor centre the thumbnail on it. Each such
/// reference is looked at once with the installed face engine and the box found is stored, or, when the engine finds no
/// face now, that it found none, so it is not looked at again. Nothing else of the analysis changes, and a reference
/// that has a box (or no face) is left alone.
/// </summary>
public sealed partial class ReferenceFaceBoxes(IDbContextFactory<LikenessDbContext> database, IAssetStore assets, FaceEngineSource faces, ILogger<ReferenceFaceBoxes> log)
{
    /// <summary>
    /// <paramref name="references"/> (one character's, as they are listed) with the missing boxes filled and stored; the
    /// same list, without a query, when none needs one or no face engine is installed.
    /// </summary>
    public async Task<IReadOnlyList<ReferenceImage>> FillAsync(IReadOnlyList<ReferenceImage> references, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (!references.Any(r => r.NeedsFaceBox) || faces.Engine is not { } engine)
        {
            return references;
        }

        List<Guid> listed = [.. references.Select(r => r.Id)];
        FaceBoxRefresh refresh = await RefreshAsync(engine, listed, cancellationToken).ConfigureAwait(false);
        Dictionary<Guid, ReferenceImage> filled = refresh.Filled.ToDictionary(r => r.Id);
        return [.. references.Select(r => filled.GetValueOrDefault(r.Id, r))];
    }

    /// <summary>
    /// Fills the missing boxes of every reference, or of one character's (<c>likeness reference refresh</c>); null when
    /// no face engine is installed (nothing can be looked at).
    /// </summary>
    public async Task<FaceBoxRefresh?> RefreshAsync(Guid? characterId, CancellationToken cancellationToken = default)
    {
        if (faces.Engine is not { } engine)
        {
            return null;
        }

        await using LikenessDbContext db = database.CreateDbContext();
        IQueryable<ReferenceImage> query = db.References.AsNoTracking();
        if (characterId is { } id)
        {
            query = query.Where(r => r.CharacterId == id);
        }

        // The analysis is a JSON column: which ones lack a box is read here, and only their ids are refreshed.
        List<Guid> lacking = [.. (await query.ToListAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.NeedsFaceBox).Select(r => r.Id)];
        return lacking.Count == 0 ? new FaceBoxRefresh([], 0) : await RefreshAsync(engine, lacking, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FaceBoxRefresh> RefreshAsync(IFaceAnalyzer engine, List<Guid> ids, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        List<ReferenceImage> rows = await db.References.Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var filled = new List<ReferenceImage>();
        int failed = 0;
        foreach (ReferenceImage reference in rows.Where(r => r.NeedsFaceBox))
        {
            try
            {
                reference.FillFaceBox(await LargestFaceAsync(engine, reference, cancellationToken).ConfigureAwait(false));
                filled.Add(reference);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not marked (a file missing from the store, unreadable, a store that did not answer): looked at the next
                // time, and the list is still answered.
                failed++;
                NotLookedAt(log, reference.Id, ex.Message);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new FaceBoxRefresh(filled, failed);
    }

    // The same face the upload's check describes: the largest one, in the upright image's pixels.
    private async Task<FaceBox?> LargestFaceAsync(IFaceAnalyzer engine, ReferenceImage reference, CancellationToken cancellationToken)
    {
        byte[] bytes = await assets.ReadAllBytesAsync(reference.AssetSha256, cancellationToken).ConfigureAwait(false);
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        return FaceDistance.Largest(engine.Analyze(decoded.Image, cancellationToken))?.Box;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The face box of reference {ReferenceId} was not looked for: {Problem}")]
    private static partial void NotLookedAt(ILogger logger, Guid referenceId, string problem);
}
