using VisionPipeline.Core.Tensors;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Inference.Tests;

/// <summary>Every zoo model loads in its engine and returns the output shapes the manifest declares.</summary>
public class ZooModelTests
{
    // Sizes chosen for the dynamic dimensions (-1) of each input: batch 2 where the batch is free,
    // and for the PP-OCR models sides the models accept (multiples of 32 for the detector).
    private static long Concrete(long declared, int axis) => declared >= 0 ? declared : axis switch
    {
        0 => 2,
        2 => 64,
        _ => 320,
    };

    [Theory]
    [MemberData(nameof(Zoo.ModelIds), MemberType = typeof(Zoo))]
    public void Model_loads_and_returns_its_declared_output_shapes(string id)
    {
        var entry = Zoo.Store.Manifest.Get(id);
        var path = Zoo.Store.Resolve(entry);
        using var engine = EngineFactory.Create(path, new EngineOptions { Engine = EngineOptions.ParseEngine(entry.Engine) });
        Assert.Equal(entry.Engine, engine.EngineName);

        var shape = entry.Input!.Shape.Select((d, axis) => (int)Concrete(d, axis)).ToArray();
        using var input = new TensorBuffer(entry.Input.Name, shape);
        var random = new Random(7);
        for (int i = 0; i < input.Length; i++) input.Span[i] = (float)random.NextDouble();

        using var outputs = engine.Run([input]);
        Assert.Equal(entry.Outputs.Count, outputs.Count);
        foreach (var declared in entry.Outputs)
        {
            var actual = outputs[declared.Name];
            Assert.True(declared.Shape.Length == actual.Shape.Length,
                $"{id}: output {declared.Name} has rank {actual.Shape.Length}, manifest says {declared.Shape.Length}");
            for (int axis = 0; axis < declared.Shape.Length; axis++)
            {
                if (declared.Shape[axis] >= 0)
                    Assert.True(declared.Shape[axis] == actual.Shape[axis],
                        $"{id}: output {declared.Name} is {actual.ShapeText}, manifest says [{string.Join(",", declared.Shape)}]");
            }
            Assert.True(actual.Data.ToArray().All(float.IsFinite), $"{id}: output {declared.Name} has non-finite values");
        }
    }

    [Fact]
    public void Recogniser_time_steps_are_an_eighth_of_the_input_width()
    {
        var path = Zoo.Store.Resolve("ppocr-rec");
        using var engine = EngineFactory.Create(path, new EngineOptions());
        foreach (int width in new[] { 100, 320, 1000 })
        {
            using var input = new TensorBuffer("x", 1, 3, 48, width);
            input.Span.Clear();
            using var outputs = engine.Run([input]);
            Assert.Equal([1, width / 8, 6625], outputs[0].Shape);
        }
    }
}
