using System.Net;

namespace VisionPipeline.Live.Viewer;

/// <summary>The viewer's one page: each source's MJPEG video, the latest frame's detections, counts and the stats.</summary>
public static class ViewerPage
{
    public static string Html(IReadOnlyList<string> sources)
    {
        var videos = string.Concat(sources.Select((source, i) =>
            $"""<figure><img id="video-{i}" src="/stream/{i}" alt="source {i}"><figcaption data-source="{WebUtility.HtmlEncode(source)}">source {i}: <span id="frame-{i}">waiting</span></figcaption></figure>"""));
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>vision live</title>
            <style>
              body { font-family: sans-serif; margin: 1em; background: #111; color: #eee; }
              figure { display: inline-block; margin: 0 1em 1em 0; }
              img { max-width: 100%; background: #333; min-width: 160px; min-height: 120px; }
              table { border-collapse: collapse; } td, th { padding: 0 .6em; text-align: right; }
              #detections li { font-family: monospace; }
            </style>
            </head>
            <body>
            <h1>vision live</h1>
            {{videos}}
            <h2>Stats</h2>
            <table id="stats"><tr><th>source</th><th>fps</th><th>p50 ms</th><th>p95 ms</th><th>read</th><th>processed</th><th>dropped</th></tr></table>
            <h2>Latest frame</h2>
            <p id="latest">no frame yet</p>
            <ul id="detections"></ul>
            <pre id="counts"></pre>
            <script>
            const text = (tag, value) => { const e = document.createElement(tag); e.textContent = value; return e; };
            const events = new EventSource('/events');
            events.onmessage = message => {
              const line = JSON.parse(message.data);
              const position = [...document.querySelectorAll('figcaption')].findIndex(f => f.dataset.source === line.source);
              const caption = document.getElementById('frame-' + position);
              if (caption) caption.textContent = 'frame ' + line.frame + ', ' + line.latency_ms.toFixed(1) + ' ms';
              document.getElementById('latest').textContent = line.source + ' frame ' + line.frame + ': ' + line.detections.length + ' found';
              const list = document.getElementById('detections');
              list.replaceChildren(...line.detections.map(d =>
                text('li', (d.track_id ? '#' + d.track_id + ' ' : '') + d.label + ' ' + d.score.toFixed(2) + ' [' + d.box.map(v => v.toFixed(0)).join(', ') + ']')));
              document.getElementById('counts').textContent = line.counts ? JSON.stringify(line.counts) : '';
            };
            async function stats() {
              try {
                const answer = await (await fetch('/stats', { cache: 'no-store' })).json();
                const table = document.getElementById('stats');
                table.replaceChildren(table.rows[0]);
                for (const s of answer.sources) {
                  const row = table.insertRow();
                  for (const v of [s.source, s.fps.toFixed(1), s.latency_ms_p50.toFixed(1), s.latency_ms_p95.toFixed(1), s.frames_read, s.frames_processed, s.frames_dropped])
                    row.appendChild(text('td', v));
                }
              } catch (e) { /* the run ended */ }
            }
            stats(); setInterval(stats, 1000);
            </script>
            </body>
            </html>
            """;
    }
}
