using System.Runtime;

namespace VisionPipeline.Training.Native;

/// <summary>
/// Keeps garbage collections out of TorchSharp work: a no-GC region that stays open across training steps and is
/// renewed at a safe point (between steps) once the process has allocated most of its budget.
/// </summary>
/// <remarks>
/// TorchSharp turns numbers into native <c>Scalar</c>s that only a finalizer frees, and reads their handle just before
/// the native call without keeping the managed object alive (every <c>a + b</c> passes an implicit alpha of 1, the
/// optimisers pass their rates that way). When another thread (the background loader) starts a collection while such
/// a call is in flight, the finalizer can free the Scalar as libtorch reads it: "Unknown scalar type", or worse. This
/// was seen on the 2-core machine after about a thousand steps. Inside the region no collection starts; the collection
/// that opening a region makes runs at a safe point on the training thread, when no call is in flight. The budget
/// follows the typical allocation between two safe points (loader included), so a region lasts about eight steps,
/// within 16–64 MB: a region per step cost a full collection per step (35 % slower on digits), regions of 192 MB were
/// 77 % slower (fresh memory all the time). Regions are process-wide: while another owner's is open, it covers this work.
/// </remarks>
public sealed class NoCollectionRegion : IDisposable
{
    private const long SmallestBudget = 16L << 20;
    private const long LargestBudget = 64L << 20;

    private static readonly Lock Gate = new();
    private bool _open;
    private long _budget = SmallestBudget;
    private long _allocatedAtStart;
    private long _lastSafePoint = -1;
    private double _typicalStretch;

    /// <summary>Call where no TorchSharp call is in flight (between steps): opens the region, or renews a nearly spent one.</summary>
    public void SafePoint()
    {
        lock (Gate)
        {
            long now = GC.GetTotalAllocatedBytes();
            if (_lastSafePoint >= 0) _typicalStretch = _typicalStretch == 0 ? now - _lastSafePoint : 0.8 * _typicalStretch + 0.2 * (now - _lastSafePoint);
            _lastSafePoint = now;
            bool roomForTwoMore = now - _allocatedAtStart + 2 * _typicalStretch < _budget;
            if (_open && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion && roomForTwoMore) return;
            EndLocked();
            // Eight stretches per region: few renewals, while the region stays small enough to reuse warm memory.
            _budget = Math.Clamp((long)(8 * _typicalStretch), SmallestBudget, LargestBudget);
            _allocatedAtStart = GC.GetTotalAllocatedBytes();
            _open = TryStart(_budget);
        }
    }

    /// <summary>Ends the open region, if any; a later <see cref="SafePoint"/> opens a new one.</summary>
    public void Dispose()
    {
        lock (Gate) EndLocked();
    }

    private void EndLocked()
    {
        if (!_open) return;
        _open = false;
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return; // a collection already ended it
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The budget ran out after all: the region is over either way.
        }
    }

    private static bool TryStart(long budget)
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return false; // another owner's region covers this work
        try
        {
            return GC.TryStartNoGCRegion(budget);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return GC.TryStartNoGCRegion(SmallestBudget);
        }
    }
}
