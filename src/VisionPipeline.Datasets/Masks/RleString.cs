namespace VisionPipeline.Datasets.Masks;

/// <summary>
/// COCO's compressed counts string (maskApi rleToString / rleFrString): like LEB128 with 5 value bits and a
/// continuation bit per character, characters '0' (48) to 'o' (111); from the fourth count on, each count is
/// stored as the difference to the count two places before (signed).
/// </summary>
internal static class RleString
{
    public static string Encode(ReadOnlySpan<uint> counts)
    {
        var s = new System.Text.StringBuilder(counts.Length * 2);
        for (var i = 0; i < counts.Length; i++)
        {
            long x = counts[i];
            if (i > 2) x -= counts[i - 2];
            var more = true;
            while (more)
            {
                var c = (int)(x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) c |= 0x20;
                s.Append((char)(c + 48));
            }
        }
        return s.ToString();
    }

    /// <exception cref="FormatException">A character outside '0'..'o', or a count that ends mid-way.</exception>
    public static uint[] Decode(string s)
    {
        var counts = new List<uint>(s.Length);
        var p = 0;
        while (p < s.Length)
        {
            long x = 0;
            var k = 0;
            var more = true;
            while (more)
            {
                if (p >= s.Length) throw new FormatException($"compressed counts end in the middle of a number (character {p})");
                var c = s[p] - 48;
                if (c is < 0 or > 63) throw new FormatException($"character '{s[p]}' at {p} is not part of COCO's compressed counts alphabet ('0'..'o')");
                if (k > 12) throw new FormatException($"count at character {p} is too long");
                x |= (long)(c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) x |= -1L << (5 * k);
            }
            if (counts.Count > 2) x += counts[^2];
            if (x is < 0 or > uint.MaxValue) throw new FormatException($"count {counts.Count} decodes to {x}, outside 0..{uint.MaxValue}");
            counts.Add((uint)x);
        }
        return [.. counts];
    }
}
