namespace VisionPipeline.Datasets.Masks;

/// <summary>maskApi.c rleMerge and rleIou: walks two run-length lists side by side.</summary>
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
            var bc = b.Counts;
            merged.Clear();
            uint ca = counts[0], cb = bc[0], cc = 0, ct = 1;
            bool v = false, va = false, vb = false;
            int ia = 1, ib = 1;
            while (ct > 0)
            {
                var c = Math.Min(ca, cb);
                cc += c;
                ct = 0;
                ca -= c;
                if (ca == 0 && ia < counts.Length) { ca = counts[ia++]; va = !va; }
                ct += ca;
                cb -= c;
                if (cb == 0 && ib < bc.Length) { cb = bc[ib++]; vb = !vb; }
                ct += cb;
                var vp = v;
                v = intersect ? va && vb : va || vb;
                if (v != vp || ct == 0) { merged.Add(cc); cc = 0; }
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
        var dc = dt.Counts;
        var gc = gt.Counts;
        uint ca = dc[0], cb = gc[0], i = 0, u = 0, ct = 1;
        bool va = false, vb = false;
        int a = 1, b = 1;
        while (ct > 0)
        {
            var c = Math.Min(ca, cb);
            if (va || vb) { u += c; if (va && vb) i += c; }
            ct = 0;
            ca -= c;
            if (ca == 0 && a < dc.Length) { ca = dc[a++]; va = !va; }
            ct += ca;
            cb -= c;
            if (cb == 0 && b < gc.Length) { cb = gc[b++]; vb = !vb; }
            ct += cb;
        }
        if (i == 0) u = 1;
        else if (crowd) u = (uint)dt.Area;
        return (double)i / u;
    }

    /// <summary>IoU of every detection with every ground truth, indexed [detection, groundTruth] like pycocotools' iou().</summary>
    public static double[,] Iou(IReadOnlyList<Rle> detections, IReadOnlyList<Rle> groundTruths, IReadOnlyList<bool> crowd)
    {
        var result = new double[detections.Count, groundTruths.Count];
        for (var g = 0; g < groundTruths.Count; g++)
            for (var d = 0; d < detections.Count; d++)
                result[d, g] = Iou(detections[d], groundTruths[g], crowd[g]);
        return result;
    }
}
