namespace VisionPipeline.Graph.Definition.Options;

/// <summary>
/// Declares a property of an options record as a parameter a pipeline file may set: its name and description, and
/// for numbers their range. Its type is the property's type and its default is the property's initial value; a
/// parameter used by several decoders is declared once as a subclass of this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public class ParamAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;

    /// <summary>The smallest value allowed (numbers, and the items of number lists); NaN: no lower bound.</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>The largest value allowed; NaN: no upper bound.</summary>
    public double Max { get; set; } = double.NaN;

    /// <summary>The parameter must be written (it has no default).</summary>
    public bool Required { get; set; }

    /// <summary>For lists: the number of items required (0: any).</summary>
    public int Length { get; set; }

    /// <summary>
    /// The names a choice may take, in the order shown. For an enum property each name is matched to the member of
    /// the same letters (ignoring case and '-'); a name that matches none stands for null (a nullable enum left
    /// "auto"). Without it, an enum's choices are its members in kebab case.
    /// </summary>
    public string[]? Choices { get; set; }

    /// <summary>The choices; a subclass may compute them (the decoders a registry knows).</summary>
    public virtual IReadOnlyList<string>? ChoiceNames => Choices;

    /// <summary>The value names a file or folder under the run's output folder (checked for collisions between sinks).</summary>
    public virtual bool IsOutputPath => false;
}

/// <summary>A sink's output file: `path`, relative to the output folder.</summary>
public sealed class OutputFileAttribute() : ParamAttribute("path", "file, relative to the output folder")
{
    public override bool IsOutputPath => true;
}

/// <summary>A sink's output folder: `dir`, relative to the output folder.</summary>
public sealed class OutputFolderAttribute() : ParamAttribute("dir", "folder, relative to the output folder")
{
    public override bool IsOutputPath => true;
}
