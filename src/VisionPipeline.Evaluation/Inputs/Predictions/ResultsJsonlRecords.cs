using System.Text.Json;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;

namespace VisionPipeline.Evaluation.Inputs.Predictions;

/// <summary>The records of a results.jsonl with their line numbers; a line that is no record stops with its number.</summary>
public static class ResultsJsonlRecords
{
    public static IEnumerable<(int Line, ImageRecord Record)> Read(string path)
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
                throw new VisionException(path, $"not a results record: {e.Message.Split(". ")[0]}", $"line {line}");
            }
            yield return (line, record);
        }
    }
}
