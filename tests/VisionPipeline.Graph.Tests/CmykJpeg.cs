namespace VisionPipeline.Graph.Tests;

/// <summary>
/// Writes a baseline JPEG with four components (CMYK, as Photoshop saves for print, with Adobe's APP14 marker) of one
/// flat colour. No library reachable here writes CMYK JPEGs, so this generated fixture stands in for a print file: each
/// 8×8 block carries only its DC coefficient, coded with two tiny Huffman tables.
/// </summary>
internal static class CmykJpeg
{
    private static readonly int[] Dc = [576, 800, 600, 1000]; // one DC value per component, all of size category 10

    public static byte[] Uniform(int width, int height)
    {
        var jpeg = new List<byte> { 0xFF, 0xD8 };
        void Segment(byte marker, params byte[] body)
        {
            jpeg.AddRange([0xFF, marker, (byte)((body.Length + 2) >> 8), (byte)(body.Length + 2)]);
            jpeg.AddRange(body);
        }
        Segment(0xEE, [.. "Adobe"u8.ToArray(), 0, 100, 0, 0, 0, 0, 0]); // transform 0: plain CMYK
        Segment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);       // quantisation: all ones
        Segment(0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 4,
                       1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        byte[] Lengths(int length, int count) { var bits = new byte[16]; bits[length - 1] = (byte)count; return bits; }
        Segment(0xC4, [0x00, .. Lengths(2, 2), 0, 10,   // DC: "00" = difference 0, "01" = category 10
                       0x10, .. Lengths(1, 1), 0x00]);  // AC: "0" = end of block
        Segment(0xDA, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0]);

        var bits = new BitWriter(jpeg);
        int blocks = ((width + 7) / 8) * ((height + 7) / 8);
        for (int block = 0; block < blocks; block++)
            foreach (var dc in Dc)
            {
                if (block == 0) { bits.Write(0b01, 2); bits.Write(dc, 10); }
                else bits.Write(0b00, 2);
                bits.Write(0, 1);
            }
        bits.Flush();
        jpeg.AddRange([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private sealed class BitWriter(List<byte> output)
    {
        private int _byte, _count;

        public void Write(int value, int length)
        {
            for (int i = length - 1; i >= 0; i--)
            {
                _byte = (_byte << 1) | ((value >> i) & 1);
                if (++_count == 8) Emit();
            }
        }

        public void Flush()
        {
            while (_count != 0) Write(1, 1); // pad with ones
        }

        private void Emit()
        {
            output.Add((byte)_byte);
            if (_byte == 0xFF) output.Add(0x00); // byte stuffing
            _byte = _count = 0;
        }
    }
}
