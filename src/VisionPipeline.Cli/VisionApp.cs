using System.CommandLine;
using VisionPipeline.Cli.Commands;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Cli;

/// <summary>The `vision` command line. Exit codes: 0 success, 1 some inputs failed, 2 usage or configuration error.</summary>
public static class VisionApp
{
    public const int Success = 0;
    public const int SomeFailed = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;

    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var verbose = new Option<bool>("--verbose") { Description = "On an error, also print where in the program it happened (a stack trace)", Recursive = true };
        var root = new RootCommand("VisionPipeline: OpenCV preprocessing and CNN task heads chained into pipelines.")
        {
            verbose,
            RunCommand.Create(stdout, stderr),
            LiveCommand.Create(stdout, stderr),
            ModelsCommand.Create(stdout, stderr),
            PipelinesCommand.Create(stdout, stderr),
            MergeCommand.Create(stdout),
            BenchCommand.Create(stdout),
            DatasetCommand.Create(stdout, stderr),
            AugmentCommand.Create(stdout, stderr),
            EvalCommand.Create(stdout, stderr),
            Commands.Train.TrainCommand.Create(stdout, stderr),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"vision: {error.Message}");
            stderr.WriteLine("Run 'vision --help' for usage.");
            return UsageError;
        }
        NativeRuntime.AvoidIppWhereSlow();
        int Report(Exception e, string line, int code)
        {
            stderr.WriteLine(line);
            if (parsed.GetValue(verbose)) stderr.WriteLine(e.ToString());
            return code;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (NativeRuntimeException e)
        {
            return Report(e, $"vision: {e.Message}", UsageError);
        }
        catch (ConfigurationException e)
        {
            return Report(e, $"vision: {e.Message}", UsageError);
        }
        catch (VisionException e)
        {
            return Report(e, $"vision: {e.Message}", SomeFailed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Report(e, $"vision: {e.Message.ReplaceLineEndings(" ")}", UsageError);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Report(e, $"vision: unexpected error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")}", SomeFailed);
        }
    }
}
