namespace VisionPipeline.Fuzz;

/// <summary>Runs a target over files, outside afl: for regression checks and for debugging a finding.</summary>
public static class Replay
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    public static int Run(Target target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[p]).ToList();
        foreach (var file in files)
        {
            var input = File.ReadAllText(file);
            var run = Task.Run(() => target.Run(input));
            try
            {
                if (!run.Wait(HangLimit))
                {
                    Console.WriteLine($"{file}: hang (still running after {HangLimit.TotalSeconds:0} s)");
                    return 1;
                }
            }
            catch (AggregateException e) when (e.InnerException is { } inner)
            {
                Console.WriteLine($"{file}: {inner.GetType().FullName}: {inner.Message}");
                Console.WriteLine(inner.StackTrace);
                return 1;
            }
        }
        Console.WriteLine($"{target.Name}: {files.Count} inputs, no unexpected exception");
        return 0;
    }
}
