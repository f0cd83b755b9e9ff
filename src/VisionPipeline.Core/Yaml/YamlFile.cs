using VisionPipeline.Core.Errors;

namespace VisionPipeline.Core.Yaml;

/// <summary>Reads a YAML configuration file (a pipeline, a recipe, a data.yaml) whole, refusing one far too large to be one.</summary>
public static class YamlFile
{
    /// <summary>The largest configuration file read; real ones are a few kilobytes, a data.yaml naming 10,000 classes some 200 KB.</summary>
    public const long MaxBytes = 16L << 20;

    /// <exception cref="ConfigurationException">the file is larger than <see cref="MaxBytes"/></exception>
    /// <exception cref="IOException">the file cannot be read (the caller names it in its own words)</exception>
    public static string ReadText(string path)
    {
        long size = new FileInfo(path).Length;
        if (size > MaxBytes)
            throw new ConfigurationException(path, $"the file is {size:N0} bytes, more than the {MaxBytes:N0} a configuration file may have; is it the right file?");
        return File.ReadAllText(path);
    }
}
