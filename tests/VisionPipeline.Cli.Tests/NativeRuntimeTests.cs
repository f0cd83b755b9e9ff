namespace VisionPipeline.Cli.Tests;

public class NativeRuntimeTests
{
    [Fact]
    public void A_missing_GTK_is_named_with_the_package_that_fixes_it()
    {
        var load = new DllNotFoundException(
            "Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies. In order to help diagnose loading problems, " +
            "consider using a tool like strace. /app/runtimes/linux-x64/native/libOpenCvSharpExtern.so: " +
            "libgtk-3.so.0: cannot open shared object file: No such file or directory");
        var wrapped = new TypeInitializationException("OpenCvSharp.Internal.NativeMethods", load);
        var message = NativeRuntime.Explain(wrapped);
        Assert.Equal("OpenCV's native library needs libgtk-3.so.0, which is not installed; fix: sudo apt-get install -y libgtk-3-0 (or run ./scripts/setup.sh).", message);
    }

    [Fact]
    public void The_native_runtime_loads_here()
    {
        Assert.StartsWith("4.13", NativeRuntime.OpenCvVersion());
    }
}
