using VisionPipeline.Cli;

return VisionApp.Execute(args, Console.Out, Console.Error);
