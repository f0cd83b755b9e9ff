using VisionPipeline.Augmentation.Composition;
using VisionPipeline.Augmentation.Recipes;
using VisionPipeline.Augmentation.Tests.Support;
using VisionPipeline.Augmentation.Transforms.Geometric;

namespace VisionPipeline.Augmentation.Tests.Recipes;

public class RecipeReaderTests
{
    private static RecipeValidationException Invalid(string yaml) =>
        Assert.Throws<RecipeValidationException>(() => RecipeReader.Parse("my.yaml", yaml));

    // Found by scripts/fuzz.sh: YamlDotNet threw InvalidOperationException or ArgumentException, with no position; the
    // events are walked again to find one.
    [Theory]
    [InlineData("name: mine\ntransforms:\n  - kind: gamma\n    gamma: [0.7, 1.3 \n  - kind: equalize\n",
        "my.yaml:4:13: YAML syntax error: the text stops making sense after this point: look for an unterminated [ ] or { } or a stray ':'")]
    [InlineData("name: x\ntransforms:\n :", "my.yaml:4:1: YAML syntax error: While parsing a block mapping, did not find expected key.")]
    public void Yaml_the_reader_cannot_place_is_a_syntax_error_at_the_last_place_it_understood(string yaml, string expected) =>
        Assert.Equal(expected, Invalid(yaml).Errors.Single().ToString());

    [Fact]
    public void The_built_in_detection_recipe_is_valid_and_runs()
    {
        var recipe = BuiltInRecipes.Load(BuiltInRecipes.Default);
        Assert.Equal("detection", recipe.Name);
        Assert.Equal(0.3, recipe.Augmenter.Rules.MinVisibility);
        using var sample = new RectangleCase(160, 120, 30, 30, 60, 40, 1).Build();
        recipe.Augmenter.Augment(sample, 1, 0, 0);
        Assert.Equal(160, sample.Width);
    }

    [Fact]
    public void Reads_compositions_probabilities_ranges_and_rules()
    {
        var recipe = RecipeReader.Parse("my.yaml", """
            name: mine
            min_visibility: 0.25
            transforms:
              - kind: rotate
                p: 0.4
                angle: 15
                border: reflect
              - kind: some_of
                n: 2
                transforms:
                  - kind: gamma
                    gamma: [0.7, 1.3]
                  - kind: equalize
                  - kind: grayscale
            """);
        Assert.Equal("mine", recipe.Name);
        Assert.Equal(0.25, recipe.Augmenter.Rules.MinVisibility);
        var root = Assert.IsType<Sequence>(recipe.Augmenter.Root);
        var rotate = Assert.IsType<Rotate>(root.Children[0]);
        Assert.Equal(0.4, rotate.Probability);
        Assert.Equal(new Transforms.ValueRange(-15, 15), rotate.Angle);
        Assert.Equal(OpenCvSharp.BorderTypes.Reflect, rotate.Style.Border);
        Assert.Equal(2, Assert.IsType<SomeOf>(root.Children[1]).Count);
        Assert.Equal(["rotate", "gamma", "equalize", "grayscale"], recipe.Augmenter.Transforms.Select(t => t.Name));
    }

    [Fact]
    public void An_unknown_transform_is_reported_at_its_kind_value_with_a_suggestion()
    {
        var e = Invalid("""
            transforms:
              - kind: horizontal_flip
              - kind: horizontal_flp
            """);
        Assert.Equal("my.yaml:3:11: unknown transform 'horizontal_flp'; did you mean 'horizontal_flip'?", e.Errors.Single().ToString());
    }

    [Fact]
    public void Unknown_parameters_and_bad_values_are_all_reported_at_once_at_their_key_or_value()
    {
        var e = Invalid("""
            transforms:
              - kind: rotate
                angel: 10
              - kind: gamma
                gamma: [1.5, 0.5]
              - kind: affine
                border: mirror
              - kind: some_of
                n: 3
                transforms:
                  - kind: equalize
            """);
        var lines = e.Errors.Select(x => x.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("my.yaml:3:5: rotate: unknown parameter 'angel'; did you mean 'angle'?"));
        Assert.Contains("my.yaml:5:12: gamma: 'gamma': low 1.5 is above high 0.5", lines);
        Assert.Contains(lines, l => l.StartsWith("my.yaml:7:13: affine: 'border' must be one of constant|replicate|reflect|reflect101|wrap, not 'mirror'"));
        Assert.Contains("my.yaml:9:8: some_of: 'n' is 3 but there are only 1 transforms", lines);
    }

    [Fact]
    public void Syntax_errors_and_a_missing_list_are_one_line_each()
    {
        Assert.Matches(@"^my\.yaml:\d+:\d+: YAML syntax error: \S", Invalid("transforms:\n  - kind: [\n").Errors.Single().ToString());
        Assert.Equal("my.yaml:1:1: 'transforms' must be a list of transforms", Invalid("name: x\n").Errors.Single().ToString());
        Assert.Equal("my.yaml:1:1: unknown top-level key 'transform' (expected name, description, min_visibility, min_area, transforms); did you mean 'transforms'?",
            Invalid("transform: []\ntransforms: []\n").Errors.Single().ToString());
    }

    [Fact]
    public void A_value_out_of_bounds_names_the_bounds()
    {
        var e = Invalid("min_visibility: 1.5\ntransforms: []\n");
        Assert.Equal("my.yaml:1:17: recipe: 'min_visibility' must be a number between 0 and 1", e.Errors.Single().ToString());
    }
}
