using System.Runtime.InteropServices;

namespace VisionPipeline.Core.IO;

public enum FileKind { Missing, Regular, Directory, Other }

/// <summary>What a path is once links are followed, and which file it is (device and inode): two paths to one folder
/// have one identity, which is how a folder walk notices a loop.</summary>
public readonly record struct FileIdentity(FileKind Kind, ulong Device, ulong Inode)
{
    private const uint TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000;

    /// <summary>The C library's stat (which follows links) where the layout of its answer is known; elsewhere what
    /// .NET can tell, with the fully resolved path standing for the identity.</summary>
    public static FileIdentity Of(string path)
    {
        if (OperatingSystem.IsLinux() && StatModeOffset() is { } modeOffset)
        {
            Span<byte> buffer = stackalloc byte[256];
            if (Stat(path, ref MemoryMarshal.GetReference(buffer)) != 0) return new FileIdentity(FileKind.Missing, 0, 0);
            uint type = BitConverter.ToUInt32(buffer[modeOffset..]) & TypeMask;
            var kind = type == RegularType ? FileKind.Regular : type == DirectoryType ? FileKind.Directory : FileKind.Other;
            return new FileIdentity(kind, BitConverter.ToUInt64(buffer), BitConverter.ToUInt64(buffer[8..]));
        }
        var resolved = Resolve(path);
        var fallbackKind = Directory.Exists(resolved) ? FileKind.Directory : File.Exists(resolved) ? FileKind.Regular : FileKind.Missing;
        return new FileIdentity(fallbackKind, 0, (ulong)StringComparer.Ordinal.GetHashCode(resolved));
    }

    /// <summary>Where st_mode lies in glibc's struct stat: after st_dev, st_ino and (on x86-64) st_nlink.</summary>
    private static int? StatModeOffset() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 24,
        Architecture.Arm64 => 16,
        _ => null,
    };

    private static string Resolve(string path)
    {
        var info = new FileInfo(path);
        return Path.GetFullPath((info.Exists ? info.ResolveLinkTarget(true) : new DirectoryInfo(path).ResolveLinkTarget(true))?.FullName ?? path);
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref byte buffer);
}
