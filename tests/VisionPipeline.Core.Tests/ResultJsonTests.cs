using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;

namespace VisionPipeline.Core.Tests;

public class ResultJsonTests
{
    [Fact]
    public void A_record_is_one_snake_case_line_with_error_always_present()
    {
        var line = ResultJson.Serialize(new ImageRecord
        {
            Image = "a/b.jpg", Width = 4, Height = 3,
            Detections = [new DetectionRecord { Node = "text", Label = "text", Score = 0.5f, Box = [1, 2, 3, 4], Text = "hi", TextScore = 0.9f }],
        });
        Assert.DoesNotContain('\n', line);
        Assert.Contains("\"error\":null", line);
        Assert.Contains("\"text_score\":0.9", line);
        Assert.DoesNotContain("keypoints", line);
        var back = ResultJson.Deserialize(line);
        Assert.Equal("a/b.jpg", back.Image);
        Assert.Equal("hi", back.Detections[0].Text);
    }

    [Fact]
    public void Recognised_text_is_written_as_readable_UTF8()
    {
        var line = ResultJson.Serialize(new ImageRecord
        {
            Image = "it's.png",
            Detections = [new DetectionRecord { Node = "text", Label = "text", Box = [0, 0, 1, 1], Text = "café 中文 \"q\"" }],
        });
        Assert.Contains("\"image\":\"it's.png\"", line);
        Assert.Contains("café 中文 \\\"q\\\"", line);
        Assert.Equal("café 中文 \"q\"", ResultJson.Deserialize(line).Detections[0].Text);
    }

    [Fact]
    public void VisionException_message_is_one_line_naming_file_position_and_problem()
    {
        var e = new VisionException("data/x.json", "expected a number\nbut found text", "line 4");
        Assert.Equal("data/x.json: line 4: expected a number but found text", e.Message);
    }
}
