namespace VisionPipeline.Datasets.Masks;

/// <summary>maskApi.c rleMerge and rleIou, both walking two run-length lists side by side.</summary>
internal static class RleSetOps
{
    public static Rle Merge(IReadOnlyList<Rle> masks, bool intersect)
    {
        if (masks.Count == 0) return Rle.FromTrustedCounts(0, 0, []);
        int h = masks[0].Height, w = masks[0].Width;
        if (masks.Count == 1) return masks[0];
        var counts = masks[0].Counts.ToArray();
        var merged = new List<uint>();
        for (var i = 1; i < masks.Count; i++)
        {
            var b = masks[i];
            if (b.Height != h || b.Width != w)
                throw new ArgumentException($"cannot merge a {b.Height}×{b.Width} mask with {h}×{w} masks", nameof(masks));
            merged.Clear();
            var walk = new RunPairWalk(counts, b.Counts);
            var value = false;
            uint run = 0;
            while (walk.Next(out var length, out _, out _))
            {
                run += length;
                var next = intersect ? walk.InA && walk.InB : walk.InA || walk.InB;
                if (next != value || walk.Finished) { merged.Add(run); run = 0; }
                value = next;
            }
            counts = [.. merged];
        }
        return Rle.FromTrustedCounts(h, w, counts);
    }

    public static double Iou(Rle dt, Rle gt, bool crowd)
    {
        // rleIou only walks the runs where the boxes overlap; elsewhere the box IoU (0) stands.
        var boxIou = BoxIou.Compute(dt.ToBbox(), gt.ToBbox(), crowd);
        if (!(boxIou > 0)) return boxIou;
        if (dt.Height != gt.Height || dt.Width != gt.Width) return -1;
        uint intersection = 0, union = 0;
        var walk = new RunPairWalk(dt.Counts, gt.Counts);
        while (walk.Next(out var length, out var inDt, out var inGt))
        {
            if (!inDt && !inGt) continue;
            union += length;
            if (inDt && inGt) intersection += length;
        }
        if (intersection == 0) union = 1;
        else if (crowd) union = (uint)dt.Area;
        return (double)intersection / union;
    }

    public static double[,] Iou(IReadOnlyList<Rle> detections, IReadOnlyList<Rle> groundTruths, IReadOnlyList<bool> crowd) =>
        IouMatrix.Build(detections, groundTruths, crowd, Iou);
}
