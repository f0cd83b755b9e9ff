using System.Text;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Robustness;

/// <summary>
/// Configuration and label files written to hurt a reader: aliases and entities that expand without end, a node that
/// contains itself, nesting deep enough to overflow a stack, a file far too large. Each is refused in one line naming
/// the file and the place, quickly and in little memory.
/// </summary>
public class HostileFileTests
{
    /// <summary>Nine lists of nine aliases to the list before: 9^levels leaves from a few hundred bytes.</summary>
    private static string AliasBomb(int levels, string leaf)
    {
        var text = new StringBuilder($"l0: &l0 [{string.Join(", ", Enumerable.Repeat(leaf, 9))}]\n");
        for (int i = 1; i <= levels; i++) text.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        return text.ToString();
    }

    /// <summary>A one-class ImageFolder dataset to augment.</summary>
    private static string Photos(TempDirectory folder)
    {
        Directory.CreateDirectory(folder.File("photos/fruit"));
        File.Copy(RepoPaths.Sample("fruits.jpg"), folder.File("photos/fruit/fruits.jpg"), overwrite: true);
        return folder.File("photos");
    }

    [Fact]
    public void Alias_bombs_in_a_pipeline_a_recipe_and_a_data_yaml_are_refused_at_the_alias_that_goes_too_far()
    {
        using var folder = new TempDirectory();
        // A recipe walks nested transforms, so this one (9^9 flips) used to run until memory ran out.
        File.WriteAllText(folder.File("recipe.yaml"), AliasBomb(8, "{kind: horizontal_flip, p: 0.5}").Replace("l0: &l0 [", "x: &l0 [") +
                                                      "transforms:\n  - kind: one_of\n    transforms: *l8\n");
        File.WriteAllText(folder.File("pipeline.yaml"), "name: bomb\n" + AliasBomb(9, "lol") + "nodes:\n  - id: image\n    kind: source.images\n");
        Directory.CreateDirectory(folder.File("yolo/images/train"));
        File.WriteAllText(folder.File("yolo/data.yaml"), AliasBomb(9, "lol") + "train: images/train\nnames: *l9\n");

        var recipe = VisionProcess.Run("augment", "--input", Photos(folder), "--format", "imagefolder", "--output", folder.File("out"), "--recipe", folder.File("recipe.yaml"));
        var pipeline = VisionProcess.Run("pipelines", "check", folder.File("pipeline.yaml"));
        var data = VisionProcess.Run("dataset", "stats", "--input", folder.File("yolo/data.yaml"));

        Assert.True(recipe.ExitCode == 2, recipe.ToString());
        Assert.Matches(@"recipe\.yaml:\d+:\d+: its aliases expand it to more than 100,000 nodes", recipe.Stderr);
        Assert.False(Directory.Exists(folder.File("out")) && Directory.EnumerateFileSystemEntries(folder.File("out")).Any(), "a refused recipe must write nothing");
        Assert.True(pipeline.ExitCode == 2, pipeline.ToString());
        Assert.Matches(@"pipeline\.yaml:7:\d+: its aliases expand it to more than 100,000 nodes", pipeline.Stderr);
        Assert.NotEqual(0, data.ExitCode);
        Assert.Matches(@"data\.yaml:6:\d+: its aliases expand it to more than 100,000 nodes", data.Stderr);
    }

    [Fact]
    public void A_recipe_whose_alias_refers_to_itself_is_refused_instead_of_overflowing_the_stack()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("cycle.yaml"), "transforms: &t\n  - kind: one_of\n    transforms: *t\n");
        var result = VisionProcess.Run("augment", "--input", Photos(folder), "--format", "imagefolder", "--output", folder.File("out"), "--recipe", folder.File("cycle.yaml"));
        Assert.True(result.ExitCode == 2, "used to crash with a stack overflow (exit 134)\n" + result);
        Assert.Contains("cycle.yaml:3:17: the alias *t refers to a node it is inside of (a cycle)", result.Stderr);
    }

    [Fact]
    public void Yaml_nested_deeper_than_any_configuration_is_refused()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("deep.yaml"), "name: deep\nnodes: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        var result = VisionProcess.Run("pipelines", "check", folder.File("deep.yaml"));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("deep.yaml:2:71: collections nested more than 64 deep", result.Stderr);
    }

    [Fact]
    public void A_configuration_file_far_too_large_is_refused_by_its_size_before_it_is_read()
    {
        using var folder = new TempDirectory();
        using (var huge = File.Create(folder.File("huge.yaml"))) huge.SetLength(2L << 30); // 2 GiB, sparse: no disk used
        var result = VisionProcess.Run("pipelines", "check", folder.File("huge.yaml"));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("huge.yaml: the file is 2,147,483,648 bytes, more than the 16,777,216 a configuration file may have; is it the right file?", result.Stderr);
    }

    [Fact]
    public void VOC_annotations_with_external_entities_or_entity_bombs_are_refused_and_nothing_outside_is_read()
    {
        using var voc = new TempDirectory();
        Directory.CreateDirectory(voc.File("Annotations"));
        Directory.CreateDirectory(voc.File("JPEGImages"));
        File.Copy(RepoPaths.Sample("fruits.jpg"), voc.File("JPEGImages/fruits.jpg"));
        File.Copy(RepoPaths.Sample("orange.jpg"), voc.File("JPEGImages/orange.jpg"));
        File.Copy(RepoPaths.Sample("messi5.jpg"), voc.File("JPEGImages/messi5.jpg"));
        const string body = "<annotation><filename>{0}</filename><size><width>512</width><height>480</height><depth>3</depth></size>" +
                            "<object><name>{1}</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>10</xmax><ymax>10</ymax></bndbox></object></annotation>";
        File.WriteAllText(voc.File("Annotations/fruits.xml"),
            "<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]>\n" + string.Format(body, "fruits.jpg", "&secret;"));
        var laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) laughs.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        File.WriteAllText(voc.File("Annotations/orange.xml"), laughs + "]>\n" + string.Format(body, "orange.jpg", "&lol9;"));
        File.WriteAllText(voc.File("Annotations/messi5.xml"), string.Format(body, "messi5.jpg", "person"));

        using var output = new TempDirectory();
        var result = VisionProcess.Run("dataset", "convert", "--input", voc.Path, "--format", "voc", "--output", output.Path, "--to", "coco");
        Assert.True(result.ExitCode == 1, result.ToString());
        foreach (var file in new[] { "fruits", "orange" })
            Assert.Contains($"warning: Annotations/{file}.xml:2:1: a DTD (<!DOCTYPE …>) is not allowed in an annotation: it can declare entities that read other files (XXE) or expand without end (billion laughs)", result.Stderr);
        var written = File.ReadAllText(Path.Combine(output.Path, "annotations.json"));
        Assert.Contains("\"person\"", written);
        Assert.DoesNotContain(File.ReadAllText("/etc/hostname").Trim(), written);
        Assert.DoesNotContain("lollol", written);
    }

    [Fact]
    public void COCO_json_nested_deeper_than_64_levels_is_refused_in_one_line_naming_the_file()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("annotations.json"),
            "{\"images\": [], \"annotations\": [], \"categories\": [], \"info\": " + new string('[', 100_000) + new string(']', 100_000) + "}");
        var result = VisionProcess.Run("dataset", "stats", "--input", folder.File("annotations.json"));
        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("annotations.json", line);
        Assert.Contains("depth of 64", line);
    }
}
