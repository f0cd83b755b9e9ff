using System.Diagnostics;
using VisionPipeline.Core.IO;

namespace VisionPipeline.Core.Tests;

public class AtomicFileLeftoverTests
{
    [Fact]
    public void Only_temporary_files_of_writers_that_no_longer_run_are_removed()
    {
        var folder = Directory.CreateTempSubdirectory("vision-leftovers-").FullName;
        try
        {
            int gone;
            using (var finished = Process.Start("true")!)
            {
                finished.WaitForExit();
                gone = finished.Id;
            }
            var guid = Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(Path.Combine(folder, "annotated/sub"));
            var killed = Path.Combine(folder, "annotated/sub", $".a.jpg.{gone}.{guid}.tmp.jpg");
            var live = Path.Combine(folder, $".b.png.{Environment.ProcessId}.{guid}.tmp.png");
            var unrelated = Path.Combine(folder, ".notes.tmp");
            var whole = Path.Combine(folder, "annotated/sub/a.jpg");
            foreach (var f in new[] { killed, live, unrelated, whole }) File.WriteAllText(f, "x");
            File.CreateSymbolicLink(Path.Combine(folder, "annotated/sub/loop"), ".."); // not walked: no endless path

            Assert.Equal(1, AtomicFile.RemoveLeftovers(folder));
            Assert.False(File.Exists(killed), "a killed writer's temporary file was kept");
            Assert.True(File.Exists(live) && File.Exists(unrelated) && File.Exists(whole), "a file that is not a dead writer's leftover was removed");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
