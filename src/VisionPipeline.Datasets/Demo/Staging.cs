namespace VisionPipeline.Datasets.Demo;

/// <summary>A temporary folder the generated images are written to before a format writer copies them into place.</summary>
public sealed class Staging : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("vision-demo-").FullName;

    /// <summary>Where an image at <paramref name="relative"/> ('/' separated) lies.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
