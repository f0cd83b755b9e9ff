using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;

namespace VisionPipeline.Live.Viewer;

/// <summary>
/// --serve: the browser viewer (ASP.NET Core, Kestrel). GET / the page, GET /stream/{i} source i's annotated video as
/// MJPEG (multipart/x-mixed-replace), GET /events the per-frame JSON lines as Server-Sent Events, GET /stats each
/// source's figures as JSON. These four routes are all it answers: nothing is ever read from a path in the request.
/// </summary>
public sealed class ViewerServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ViewerFeed _feed;

    private ViewerServer(WebApplication app, ViewerFeed feed)
    {
        _app = app;
        _feed = feed;
    }

    /// <exception cref="ConfigurationException">the address cannot be listened on (taken, or not this machine's)</exception>
    public static ViewerServer Start(ServeAddress address, ViewerFeed feed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(address.Address, address.Port));
        var app = builder.Build();
        Map(app, feed);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new ConfigurationException(null, $"--serve {address.Address}:{address.Port}: cannot listen: {e.Message}");
        }
        return new ViewerServer(app, feed);
    }

    private static void Map(IEndpointRouteBuilder app, ViewerFeed feed)
    {
        app.MapGet("/", () => Results.Content(ViewerPage.Html(feed.Names), "text/html; charset=utf-8"));
        app.MapGet("/stats", () => Results.Text(JsonSerializer.Serialize(new { sources = feed.Stats() }, ResultJson.Options), "application/json"));
        app.MapGet("/stream/{index:int}", (int index, HttpContext http) => Stream(feed, index, http));
        app.MapGet("/events", (HttpContext http) => Events(feed, http));
    }

    private static async Task Stream(ViewerFeed feed, int index, HttpContext http)
    {
        if (index < 0 || index >= feed.Sources)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, feed.Closing);
        http.Response.ContentType = "multipart/x-mixed-replace; boundary=frame";
        http.Response.Headers.CacheControl = "no-store";
        using var watching = feed.Watch(index);
        long seen = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (sequence, jpeg) = await feed.NextFrame(index, seen, stop.Token);
                seen = sequence;
                var head = Encoding.ASCII.GetBytes($"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n");
                await http.Response.Body.WriteAsync(head, stop.Token);
                await http.Response.Body.WriteAsync(jpeg, stop.Token);
                await http.Response.Body.WriteAsync("\r\n"u8.ToArray(), stop.Token);
                await http.Response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) { /* the viewer left, or the run ended */ }
    }

    private static async Task Events(ViewerFeed feed, HttpContext http)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, feed.Closing);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        var (lines, listening) = feed.Listen();
        using (listening)
        {
            try
            {
                await http.Response.WriteAsync(": vision live\n\n", stop.Token);
                await http.Response.Body.FlushAsync(stop.Token);
                await foreach (var line in lines.ReadAllAsync(stop.Token))
                {
                    await http.Response.WriteAsync($"data: {line}\n\n", stop.Token);
                    await http.Response.Body.FlushAsync(stop.Token);
                }
            }
            catch (OperationCanceledException) { /* the viewer left, or the run ended */ }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _feed.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
