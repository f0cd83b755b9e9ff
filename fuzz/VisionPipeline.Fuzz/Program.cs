using SharpFuzz;
using VisionPipeline.Fuzz;

// vision-fuzz TARGET                      run under afl-fuzz (scripts/fuzz.sh)
// vision-fuzz TARGET --replay FILE|DIR... run the inputs once each; report the first unexpected exception
if (args.Length == 0 || Targets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine("usage: VisionPipeline.Fuzz TARGET [--replay FILE|DIR...]");
    foreach (var t in Targets.All) Console.Error.WriteLine($"  {t.Name,-13} {t.Description}");
    return 2;
}
if (args.Length == 1)
{
    Fuzzer.Run(target.Run);
    return 0;
}
if (args[1] != "--replay" || args.Length < 3)
{
    Console.Error.WriteLine("usage: VisionPipeline.Fuzz TARGET [--replay FILE|DIR...]");
    return 2;
}
try
{
    return Replay.Run(target, args[2..]);
}
finally
{
    Targets.RemoveScratch();
}
