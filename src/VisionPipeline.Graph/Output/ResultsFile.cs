using System.Text;
using VisionPipeline.Core.Results;

namespace VisionPipeline.Graph.Output;

/// <summary>
/// results.jsonl, one line per image in input order. Lines go to results.jsonl.partial (flushed each line)
/// and the file takes its final name in <see cref="Complete"/>, when the run ends or is stopped with Ctrl-C.
/// A run that fails or is killed leaves the .partial, which --resume picks up.
/// </summary>
public sealed class ResultsFile : IDisposable
{
    private readonly string _finalPath;
    private readonly string _partialPath;
    private readonly StreamWriter _writer;
    private bool _completed;

    public ResultsFile(string path)
    {
        _finalPath = path;
        _partialPath = path + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(_partialPath, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
    }

    public void Write(ImageRecord record) => WriteLine(ResultJson.Serialize(record));

    /// <summary>Writes one line of JSON already serialised (another record kind, such as `vision live`'s frame lines).</summary>
    public void WriteLine(string json)
    {
        _writer.WriteLine(json);
        _writer.Flush();
    }

    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        _writer.Flush();
        _writer.Dispose();
        File.Move(_partialPath, _finalPath, overwrite: true);
    }

    public void Dispose()
    {
        if (!_completed)
        {
            try { _writer.Dispose(); }
            catch (IOException) { } // the run already failed (a full disk); the lines flushed before stay in the .partial
        }
        _completed = true;
    }
}
