using System.Text;
using System.Text.Json;
using VisionPipeline.Core.Errors;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Core.Tests;

/// <summary>Errors found after a JSON file was read name the line and column of the offending value, counted in characters.</summary>
public class JsonLocatorTests
{
    private static TextPosition? Find(string json, string path, bool bom = false)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.json"), json, new UTF8Encoding(bom));
        return JsonLocator.Find(dir.File("a.json"), path);
    }

    [Theory]
    [InlineData("annotations[1].image_id", 4, 38)]
    [InlineData("annotations[1]", 4, 3)]
    [InlineData("annotations[0].bbox[2]", 3, 59)]
    [InlineData("images", 2, 13)]
    [InlineData("annotations[1].category_id", 4, 3)]   // not written: the annotation that lacks it
    [InlineData("annotations[5]", 3, 18)]              // not there: the array
    public void A_path_is_found_at_its_value(string path, int line, int column)
    {
        const string json = "{\n  \"images\": [{\"id\": 1, \"file_name\": \"é😀.jpg\"}],\n  \"annotations\": [{\"id\": 1, \"image_id\": 1, \"bbox\": [0, 0, 1, 1]},\n  {\"id\": 2, \"name\": \"ü\", \"image_id\": 7}]\n}";
        Assert.Equal(new TextPosition(line, column), Find(json, path));
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        // é is two bytes and one character; 😀 is four bytes and two UTF-16 characters, as an editor's column counts them.
        var at = Find("{\"a\": \"é😀\", \"b\": 3}", "b");
        Assert.Equal(new TextPosition(1, 19), at);
    }

    [Fact]
    public void A_byte_order_mark_is_no_column() =>
        Assert.Equal(new TextPosition(1, 7), Find("{\"a\": 3}", "a", bom: true));

    [Fact]
    public void A_value_past_the_first_chunks_and_a_token_larger_than_a_chunk_are_found()
    {
        var big = new string('x', 200_000);
        var json = "{\"pad\": \"" + big + "\",\n\"items\": [" + string.Join(",\n", Enumerable.Range(0, 5000).Select(i => $"{{\"v\": {i}}}")) + "]}";
        Assert.Equal(new TextPosition(2 + 4321, 7), Find(json, "items[4321].v"));
    }

    [Fact]
    public void A_syntax_errors_byte_position_becomes_a_character_column()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.json"), "{\n\"a\": \"é😀é\", x}");
        var e = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(File.ReadAllBytes(dir.File("a.json"))));
        Assert.Equal((1L, 17L), (e.LineNumber!.Value, e.BytePositionInLine!.Value)); // "a": "é😀é",  before the x is 17 bytes, 13 characters
        Assert.Equal(new TextPosition(2, 14), JsonLocator.Of(dir.File("a.json"), e));
    }
}
