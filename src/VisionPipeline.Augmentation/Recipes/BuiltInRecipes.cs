using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Text;

namespace VisionPipeline.Augmentation.Recipes;

/// <summary>
/// The recipe files that ship with the program (recipes/*.yaml, copied next to it), and how --recipe finds one:
/// an existing file first, then a built-in name.
/// </summary>
public static class BuiltInRecipes
{
    public const string Default = "detection";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "recipes");

    public static IReadOnlyList<string> Names =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    public static Recipe Load(string nameOrFile)
    {
        if (File.Exists(nameOrFile)) return RecipeReader.Read(Path.GetFullPath(nameOrFile));
        var builtIn = Path.Combine(Directory, nameOrFile + ".yaml");
        if (File.Exists(builtIn)) return RecipeReader.Read(builtIn);
        bool looksLikeFile = nameOrFile.Contains('/') || nameOrFile.Contains('\\') || nameOrFile.EndsWith(".yaml") || nameOrFile.EndsWith(".yml");
        throw new ConfigurationException(looksLikeFile ? nameOrFile : null, looksLikeFile
            ? "recipe file not found"
            : $"unknown recipe '{nameOrFile}'{NameSuggestions.DidYouMean(nameOrFile, Names)} (built-in recipes: {string.Join(", ", Names)}; or give a .yaml file)");
    }
}
