namespace VisionPipeline.Cli.Terminal;

/// <summary>
/// While alive, the first Ctrl-C cancels <see cref="Token"/> (the command finishes what is in flight and keeps what it
/// wrote) and says so on standard error; a second one ends the process.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly ConsoleCancelEventHandler _handler;

    public CtrlC(TextWriter stderr, string stopping)
    {
        _handler = (_, e) =>
        {
            if (_cancel.IsCancellationRequested) return; // a second Ctrl-C ends the process
            e.Cancel = true;
            _cancel.Cancel();
            stderr.WriteLine($"\nstopping: {stopping} (Ctrl-C again to abort)");
        };
        Console.CancelKeyPress += _handler;
    }

    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= _handler;
        _cancel.Dispose();
    }
}
