using System.Text.Json;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;

namespace VisionPipeline.Evaluation.Inputs.Predictions;

/// <summary>One record of a results.jsonl, its 1-based line and the line's text.</summary>
public sealed record ResultsJsonlLine(int Line, ImageRecord Record, string Text)
{
    /// <summary>Where the value at <paramref name="jsonPath"/> (<c>image</c>, <c>detections[2].box</c>) stands; looked up only when asked, for an error.</summary>
    public TextPosition At(string jsonPath) => new(Line, JsonLocator.FindInText(Text, jsonPath)?.Column ?? 1);

    /// <summary>A problem that did not stop the evaluation, at the value of <paramref name="jsonPath"/>.</summary>
    public string Problem(string path, string jsonPath, string problem) => ErrorLine.Format(path, At(jsonPath), problem);
}

/// <summary>The records of a results.jsonl with their lines; a line that is no record stops with its line and column.</summary>
public static class ResultsJsonlRecords
{
    public static IEnumerable<ResultsJsonlLine> Read(string path)
    {
        if (!File.Exists(path)) throw new ConfigurationException(path, "results file not found");
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            ImageRecord record;
            try
            {
                record = ResultJson.Deserialize(text);
            }
            catch (JsonException e)
            {
                var column = JsonLocator.OfText(text, e)?.Column ?? 1;
                throw new VisionException(path, new TextPosition(line, column), $"not a results record: {e.Message.Split(". ")[0]}");
            }
            yield return new ResultsJsonlLine(line, record, text);
        }
    }
}
