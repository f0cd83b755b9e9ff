namespace VisionPipeline.TestSupport;

/// <summary>Paths inside the repository, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleImages => Path.Combine(Root, "sample-images");
    public static string Models => Path.Combine(Root, "models");
    public static string Docs => Path.Combine(Root, "docs");

    public static string Sample(string name)
    {
        var path = Path.Combine(SampleImages, name);
        if (!File.Exists(path)) throw new FileNotFoundException($"sample image {name} is missing from sample-images/", path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VisionPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find VisionPipeline.sln above the test assembly");
    }
}
