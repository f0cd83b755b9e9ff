using System.Text.Json;

namespace VisionPipeline.Core.Errors;

/// <summary>
/// Finds where something stands in a JSON file (or one JSON Lines record), for error messages only: the file is
/// read again, streamed in chunks (it may be hundreds of MB), and nothing is kept. Positions are 1-based lines and
/// columns counted in characters (UTF-16 code units, as .NET strings, YamlDotNet and XmlReader count them), not bytes.
/// </summary>
public static class JsonLocator
{
    private const int ChunkSize = 1 << 16;

    /// <summary>
    /// Where the value at <paramref name="jsonPath"/> starts: property names joined by '.', array indices in
    /// brackets (<c>annotations[17].image_id</c>, <c>[3].bbox</c> in a top-level array). Where the path goes on through
    /// a value that is no container, that value's position; where its last steps are not in the file (a missing
    /// key), the position of the deepest object or array that is. Null when the file cannot be read.
    /// </summary>
    public static TextPosition? Find(string file, string jsonPath) => Find(() => File.OpenRead(file), jsonPath);

    /// <summary>As <see cref="Find(string, string)"/>, in one line of JSON text (a JSON Lines record): the line is 1.</summary>
    public static TextPosition? FindInText(string json, string jsonPath) => Find(() => Text(json), jsonPath);

    /// <summary>
    /// Where a <see cref="JsonException"/> of the serializer points. A syntax error (the reader's, its inner exception):
    /// at <see cref="JsonException.LineNumber"/> and <see cref="JsonException.BytePositionInLine"/>, which are 0-based and
    /// count bytes, so the line is read again to count its characters. A value that could not be converted: at the
    /// start of the value its <see cref="JsonException.Path"/> names (the reader has already passed it). Null when the exception has no position.
    /// </summary>
    public static TextPosition? Of(string file, JsonException e) => Of(() => File.OpenRead(file), e);

    /// <summary>As <see cref="Of(string, JsonException)"/>, for an exception from deserializing <paramref name="json"/> itself.</summary>
    public static TextPosition? OfText(string json, JsonException e) => Of(() => Text(json), e);

    private static MemoryStream Text(string json) => new(System.Text.Encoding.UTF8.GetBytes(json), writable: false);

    private static TextPosition? Find(Func<Stream> open, string jsonPath)
    {
        var walk = new PathWalk(JsonPathSteps.Parse(jsonPath));
        try
        {
            using var stream = open();
            return Scan(stream, walk.Visit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static TextPosition? Of(Func<Stream> open, JsonException e)
    {
        if (e.InnerException is not JsonException && e.Path is ['$', .. var path] && Find(open, path) is { } value) return value;
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } bytes) return null;
        try
        {
            using var stream = open();
            var counter = new PositionCounter();
            var buffer = new byte[ChunkSize];
            int read, start = SkipBom(stream, buffer, out read);
            long remaining = bytes;
            while (read > 0 && counter.Line - 1 <= line)
            {
                for (var i = start; i < read && counter.Line - 1 <= line; i++)
                {
                    if (counter.Line - 1 == line && remaining-- == 0) return counter.Position;
                    counter.Count(buffer[i]);
                }
                start = 0;
                read = stream.Read(buffer, 0, buffer.Length);
            }
            return counter.Line - 1 == line ? counter.Position : new TextPosition((int)line + 1, (int)bytes + 1);
        }
        catch (Exception io) when (io is IOException or UnauthorizedAccessException)
        {
            return new TextPosition((int)line + 1, (int)bytes + 1);
        }
    }

    private enum Outcome { Next, Enter, Found, Missing }

    private delegate Outcome TokenVisitor(ref Utf8JsonReader reader);

    /// <summary>
    /// Reads the file token by token: the position of the token <paramref name="visit"/> finds, or when it says the
    /// rest is missing, of the last token it entered.
    /// </summary>
    private static TextPosition? Scan(Stream stream, TokenVisitor visit)
    {
        var buffer = new byte[ChunkSize];
        var counter = new PositionCounter();
        var start = SkipBom(stream, buffer, out var length);
        if (start > 0)
        {
            Array.Copy(buffer, start, buffer, 0, length - start);
            length -= start;
        }
        TextPosition? entered = null;
        var counted = 0; // bytes of the buffer already counted
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        while (true)
        {
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // one token larger than the buffer
            var read = stream.Read(buffer, length, buffer.Length - length);
            length += read;
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: read == 0, state);
            while (reader.Read())
            {
                var outcome = visit(ref reader);
                if (outcome is Outcome.Next) continue;
                if (outcome is Outcome.Missing) return entered;
                var tokenStart = (int)reader.TokenStartIndex;
                counter.Count(buffer.AsSpan(counted, tokenStart - counted));
                counted = tokenStart;
                if (outcome is Outcome.Found) return counter.Position;
                entered = counter.Position;
            }
            if (read == 0) return entered;
            var consumed = (int)reader.BytesConsumed;
            counter.Count(buffer.AsSpan(counted, consumed - counted));
            counted = 0;
            Array.Copy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            state = reader.CurrentState;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from the start of the file; where the text starts, past a UTF-8 byte order mark.</summary>
    private static int SkipBom(Stream stream, byte[] buffer, out int read)
    {
        read = stream.ReadAtLeast(buffer, 3, throwOnEndOfStream: false);
        return read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
    }

    /// <summary>Line and column reached after the bytes counted so far.</summary>
    private sealed class PositionCounter
    {
        public int Line { get; private set; } = 1;
        private int _column = 1;

        public TextPosition Position => new(Line, _column);

        public void Count(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes) Count(b);
        }

        public void Count(byte b)
        {
            if (b == (byte)'\n') { Line++; _column = 1; }
            else if ((b & 0xC0) != 0x80) _column += b >= 0xF0 ? 2 : 1; // a lead byte starts a character; four bytes make a surrogate pair
        }
    }

    /// <summary>
    /// Follows a path through the tokens: only the children of the container reached so far are looked at. It
    /// enters each container the path names, and stops at the value the path names, at a scalar where the path
    /// wanted a container, or at the end of the container that should have held the next step.
    /// </summary>
    private sealed class PathWalk(IReadOnlyList<JsonPathSteps.Step> steps)
    {
        private int _matched = -1;    // how many steps the open container matched; -1 before the root value
        private int _index = -1;      // in an array: the index of the current child
        private bool _propertyHit;    // in an object: the last property name is the next step's

        public Outcome Visit(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType;
            if (_matched < 0)
            {
                _matched = 0;
                return Enter(token);
            }
            var depth = reader.CurrentDepth;
            if (depth == _matched && token is JsonTokenType.EndObject or JsonTokenType.EndArray) return Outcome.Missing;
            if (depth != _matched + 1) return Outcome.Next;
            var step = steps[_matched];
            switch (token)
            {
                case JsonTokenType.PropertyName:
                    _propertyHit = step.Name is { } name && reader.ValueTextEquals(name);
                    return Outcome.Next;
                case JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.Comment or JsonTokenType.None:
                    return Outcome.Next;
            }
            var hit = step.Name is null ? ++_index == step.Index : _propertyHit;
            if (!hit) return Outcome.Next;
            _matched++;
            return Enter(token);
        }

        private Outcome Enter(JsonTokenType token)
        {
            if (_matched == steps.Count || token is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return Outcome.Found;
            _index = -1;
            _propertyHit = false;
            return Outcome.Enter;
        }
    }
}

/// <summary>The steps of a JSON path as error messages write it: <c>annotations[17].image_id</c> (a leading <c>$</c> left off).</summary>
internal static class JsonPathSteps
{
    public readonly record struct Step(string? Name, int Index);

    public static List<Step> Parse(string path)
    {
        var steps = new List<Step>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.') { i++; continue; }
            if (path.AsSpan(i).StartsWith("['"))
            {
                var closeQuote = path.IndexOf("']", i + 2, StringComparison.Ordinal);  // $['a name.with dots'], as System.Text.Json writes it
                if (closeQuote < 0) closeQuote = path.Length;
                steps.Add(new Step(path[(i + 2)..closeQuote], 0));
                i = closeQuote + 2;
                continue;
            }
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0) close = path.Length;
                steps.Add(new Step(null, int.TryParse(path.AsSpan(i + 1, close - i - 1), System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : -1));
                i = close + 1;
                continue;
            }
            var end = path.IndexOfAny(['.', '['], i);
            if (end < 0) end = path.Length;
            steps.Add(new Step(path[i..end], 0));
            i = end;
        }
        return steps;
    }
}
