namespace VisionPipeline.Core.IO;

/// <summary>
/// The regular files below a folder, each real folder read once: a link loop (`nested/loop -> ..`) or a second link to
/// a folder already read is reported and not followed again. Folders reached without links are read before any
/// reached through one, and entries in name order, so which path a folder's files get does not depend on the file
/// system's order. Links to files are followed (the file keeps the link's path) unless links are not followed at all;
/// pipes, sockets, devices and broken links are reported and left out; hidden entries are left out.
/// </summary>
public static class FolderWalk
{
    private static readonly EnumerationOptions OneLevel = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
    // .NET skips hidden and system entries unless told to skip nothing.
    private static readonly EnumerationOptions OneLevelWithHidden = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None };

    /// <summary>
    /// Every file below <paramref name="root"/> as the dataset readers list them: hidden files included, links followed,
    /// each real folder once; ordinal-sorted full paths.
    /// </summary>
    /// <param name="leftOut">Receives one line per entry left out (a loop, a pipe, a broken link), its path relative to
    /// <paramref name="shownFrom"/> (default: <paramref name="root"/>).</param>
    public static List<string> FilesBelow(string root, Action<string>? leftOut = null, string? shownFrom = null)
    {
        var warnings = new List<string>();
        var files = Files(root, followLinks: true, _ => true, warnings, includeHidden: true, shownFrom);
        files.Sort(StringComparer.Ordinal);
        if (leftOut is not null) warnings.ForEach(leftOut);
        return files;
    }

    /// <param name="keep">Folders and files for which this is false are not read (a run's output folder inside its input).</param>
    /// <param name="warnings">Receives one line per entry left out for a reason other than being hidden or not kept.</param>
    /// <param name="includeHidden">Read hidden files and folders too (by default they are left out).</param>
    /// <param name="shownFrom">The folder warnings give paths relative to (default: <paramref name="root"/>).</param>
    public static List<string> Files(string root, bool followLinks, Func<string, bool> keep, ICollection<string> warnings, bool includeHidden = false,
        string? shownFrom = null)
    {
        var files = new List<string>();
        var firstSeen = new Dictionary<(ulong, ulong), string>();
        var real = new Queue<(string Path, FileIdentity Identity)>([(root, FileIdentity.Of(root))]);
        var linked = new Queue<(string Path, FileIdentity Identity)>();
        string Relative(string path) => Path.GetRelativePath(shownFrom ?? root, path).Replace('\\', '/');
        while (real.TryDequeue(out var folder) || linked.TryDequeue(out folder))
        {
            var key = (folder.Identity.Device, folder.Identity.Inode);
            if (!firstSeen.TryAdd(key, Relative(folder.Path)))
            {
                warnings.Add($"{Relative(folder.Path)}: the folder {firstSeen[key]} again (a link loop or a second link to it); read once");
                continue;
            }
            var entries = new DirectoryInfo(folder.Path).EnumerateFileSystemInfos("*", includeHidden ? OneLevelWithHidden : OneLevel)
                .OrderBy(e => e.Name, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (!keep(entry.FullName)) continue;
                // LinkTarget, not the listing's attributes: for a name .NET cannot decode the attributes read as all bits set.
                bool link = entry.LinkTarget is not null;
                if (link && !followLinks) continue;
                var identity = FileIdentity.Of(entry.FullName);
                switch (identity.Kind)
                {
                    case FileKind.Directory:
                        (link ? linked : real).Enqueue((entry.FullName, identity));
                        break;
                    case FileKind.Regular:
                        files.Add(entry.FullName);
                        break;
                    case FileKind.Missing when !link && FileNames.HasUndecodableName(entry.FullName):
                        files.Add(entry.FullName); // listed, so that its reader names the problem where it reports failed files
                        break;
                    case FileKind.Missing:
                        warnings.Add(link ? $"{Relative(entry.FullName)}: a broken link (to {entry.LinkTarget}); left out"
                            : $"{Relative(entry.FullName)}: vanished while its folder was read; left out");
                        break;
                    default:
                        warnings.Add($"{Relative(entry.FullName)}: not a regular file (a pipe, socket or device); left out");
                        break;
                }
            }
        }
        return files;
    }
}
