using System.Runtime.CompilerServices;

namespace VisionPipeline.Datasets.Masks;

/// <summary>
/// maskApi.c's two-pointer walk over two run-length lists of the same mask size: each step yields the next
/// stretch of pixels over which neither mask changes, and whether it lies inside each mask.
/// </summary>
internal ref struct RunPairWalk(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
{
    private readonly ReadOnlySpan<uint> _a = a;
    private readonly ReadOnlySpan<uint> _b = b;
    private uint _ca = a[0], _cb = b[0];
    private int _ia = 1, _ib = 1;

    /// <summary>Whether the stretch after the last one returned lies inside each mask.</summary>
    public bool InA { get; private set; }
    public bool InB { get; private set; }

    /// <summary>True once the stretch just returned was the last.</summary>
    public bool Finished { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(out uint length, out bool inA, out bool inB)
    {
        inA = InA;
        inB = InB;
        if (Finished)
        {
            length = 0;
            return false;
        }
        length = Math.Min(_ca, _cb);
        _ca -= length;
        if (_ca == 0 && _ia < _a.Length) { _ca = _a[_ia++]; InA = !InA; }
        _cb -= length;
        if (_cb == 0 && _ib < _b.Length) { _cb = _b[_ib++]; InB = !InB; }
        Finished = _ca + _cb == 0;
        return true;
    }
}
