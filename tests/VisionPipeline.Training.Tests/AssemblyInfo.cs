// TorchSharp's random generator is global: tests that seed it and build networks must not interleave, or their
// weights (and any failure) would differ from run to run. libtorch already uses every core within one test.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
