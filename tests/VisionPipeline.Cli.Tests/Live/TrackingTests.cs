using VisionPipeline.Live.Output;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Live;

/// <summary>
/// --track, --line and --zone on a clip whose objects move on known paths: one real face pasted twice, moving in
/// opposite directions along two rows (<see cref="TestClips.WriteCrossingFaces"/>), found by BlazeFace (the faces-only
/// pipeline) in every frame, so the paths, crossings and zone visits are known in advance.
/// </summary>
public class TrackingTests
{
    private const int Frames = 61; // each face moves 360 px: across the middle of the frame

    [Fact]
    public void Each_face_keeps_one_track_id_and_the_line_and_zone_counts_are_the_known_crossings()
    {
        using var dir = new TempDirectory();
        var clip = TestClips.WriteCrossingFaces(dir.File("faces.avi"), Frames, fps: 20);
        var result = VisionProcess.Run("live", "--source", clip, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--track",
            "--line", "240,0,240,360", "--zone", "0,0,240,0,240,360,0,360",
            "--save-json", dir.File("frames.jsonl"), "--record", dir.File("tracked.mp4"));
        Assert.True(result.ExitCode == 0, result.ToString());

        var lines = File.ReadAllLines(dir.File("frames.jsonl")).Select(FrameLine.Parse).ToList();
        Assert.Equal(Frames, lines.Count);
        var top = new HashSet<int?>();
        var bottom = new HashSet<int?>();
        foreach (var line in lines)
        {
            var faces = line.Detections.Where(d => d.Node == "faces").ToList();
            Assert.True(faces.Count == 2, $"frame {line.Frame}: {faces.Count} faces found, expected the 2 pasted ones: {line.ToJson()}");
            foreach (var face in faces) (face.Box[1] < TestClips.Height / 2 ? top : bottom).Add(face.TrackId);
        }
        Assert.True(top.Count == 1 && bottom.Count == 1 && top.Single() is not null && top.Single() != bottom.Single(),
            $"each face must keep one track id of its own: top {string.Join(",", top)}, bottom {string.Join(",", bottom)}");

        // A moves right across x = 240 (onto the line's left-hand side looking down it: "out"), B moves left ("in").
        var last = lines[^1].Counts!;
        var crossing = Assert.Single(last.Lines);
        Assert.Equal(("face", 1, 1), (crossing.Label, crossing.In, crossing.Out));
        // A starts in the left half and leaves it; B enters it: two entries, one face inside at the end.
        var zone = Assert.Single(last.Zones);
        Assert.Equal(("face", 1, 2), (zone.Label, zone.Inside, zone.Entered));
        Assert.Equal([bottom.Single()!.Value.ToString()], zone.DwellMs.Keys);

        Assert.Equal(Frames, TestClips.CountFrames(dir.File("tracked.mp4")));
    }
}
