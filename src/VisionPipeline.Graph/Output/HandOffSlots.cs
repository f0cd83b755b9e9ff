namespace VisionPipeline.Graph.Output;

/// <summary>
/// How many pieces of work may wait for a writer thread at once: a worker takes a slot to hand work over, and does
/// the work itself when none is free; the writer gives the slot back when done. Shared by the run's image files
/// (<see cref="ImageFileHandOff"/>) and the engine+codec floor that replays them.
/// </summary>
public sealed class HandOffSlots(int limit)
{
    private int _taken;

    /// <summary>Work handed over and not done yet.</summary>
    public int Taken => Volatile.Read(ref _taken);

    public bool TryTake()
    {
        if (Interlocked.Increment(ref _taken) <= limit) return true;
        Interlocked.Decrement(ref _taken);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _taken);
}
