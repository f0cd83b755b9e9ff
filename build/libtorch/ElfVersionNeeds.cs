// Shared by the build (WeakenLibTorchSharpNeed.targets compiles it as an inline MSBuild task, against .NET Standard 2.0)
// and by the test that checks it; no dependency but the base library.
using System;
using System.IO;
using System.Text;

namespace VisionPipeline.Build
{
    /// <summary>
    /// Reads and flags the version needs of an ELF64 little-endian shared library (its <c>.gnu.version_r</c> section).
    /// TorchSharp's <c>libLibTorchSharp.so</c> needs <c>GLIBCXX_3.4.32</c> (GCC 13's libstdc++) for one symbol,
    /// <c>std::ios_base_library_init()</c>, that it never calls; the dynamic loader refuses the library on systems whose
    /// libstdc++ stops earlier (Debian 12: 3.4.30). A need marked weak (<c>VER_FLG_WEAK</c>) is only checked when a
    /// symbol bound to it is used, so marking that one need weak lets the library load.
    /// </summary>
    public static class ElfVersionNeeds
    {
        private const uint VersionNeedSection = 0x6ffffffe; // SHT_GNU_verneed
        private const ushort WeakFlag = 0x2;                 // VER_FLG_WEAK

        /// <summary>Whether the library's need for <paramref name="version"/> is marked weak; null when it has no such need.</summary>
        public static bool? IsWeak(string library, string version)
        {
            var bytes = File.ReadAllBytes(library);
            int offset = FindNeed(bytes, version, library);
            return offset < 0 ? (bool?)null : (BitConverter.ToUInt16(bytes, offset + 4) & WeakFlag) != 0;
        }

        /// <summary>
        /// Marks the library's need for <paramref name="version"/> weak; true when the file was changed, false when it
        /// has no such need or the need is weak already. The file is replaced whole (written beside it, then renamed),
        /// so a hard-linked copy elsewhere, such as NuGet's package cache, is left as it was.
        /// </summary>
        public static bool MarkWeak(string library, string version)
        {
            var bytes = File.ReadAllBytes(library);
            int offset = FindNeed(bytes, version, library);
            if (offset < 0) return false;
            ushort flags = BitConverter.ToUInt16(bytes, offset + 4);
            if ((flags & WeakFlag) != 0) return false;
            BitConverter.GetBytes((ushort)(flags | WeakFlag)).CopyTo(bytes, offset + 4);
            var temporary = library + ".weakening";
            File.WriteAllBytes(temporary, bytes);
            File.Replace(temporary, library, null);
            return true;
        }

        /// <summary>Whether a libstdc++ on this system defines <paramref name="version"/> (its name appears in the library's strings).</summary>
        public static bool SystemLibStdCxxHas(string version, params string[] folders)
        {
            var needle = Encoding.ASCII.GetBytes(version + "\0");
            foreach (var folder in folders)
            {
                var path = Path.Combine(folder, "libstdc++.so.6");
                if (File.Exists(path) && IndexOf(File.ReadAllBytes(path), needle) >= 0) return true;
            }
            return false;
        }

        /// <summary>The file offset of the Vernaux entry naming <paramref name="version"/>, or -1.</summary>
        private static int FindNeed(byte[] elf, string version, string name)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException($"{name}: not an ELF file");
            if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException($"{name}: not a 64-bit little-endian ELF file");
            long sectionTable = BitConverter.ToInt64(elf, 0x28);
            int entrySize = BitConverter.ToUInt16(elf, 0x3a);
            int count = BitConverter.ToUInt16(elf, 0x3c);
            for (int i = 0; i < count; i++)
            {
                int header = checked((int)(sectionTable + (long)i * entrySize));
                if (BitConverter.ToUInt32(elf, header + 4) != VersionNeedSection) continue;
                int section = checked((int)BitConverter.ToInt64(elf, header + 0x18));
                int link = (int)BitConverter.ToUInt32(elf, header + 0x28);
                int strings = checked((int)BitConverter.ToInt64(elf, checked((int)(sectionTable + (long)link * entrySize)) + 0x18));
                int need = section;
                while (true)
                {
                    int auxCount = BitConverter.ToUInt16(elf, need + 2);
                    int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                    for (int j = 0; j < auxCount; j++)
                    {
                        if (ReadString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8)) == version) return aux;
                        aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                    }
                    uint next = BitConverter.ToUInt32(elf, need + 12);
                    if (next == 0) break;
                    need += (int)next;
                }
            }
            return -1;
        }

        private static string ReadString(byte[] bytes, int start)
        {
            int end = Array.IndexOf(bytes, (byte)0, start);
            return Encoding.ASCII.GetString(bytes, start, end - start);
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = Array.IndexOf(haystack, needle[0]); i >= 0 && i <= haystack.Length - needle.Length; i = Array.IndexOf(haystack, needle[0], i + 1))
            {
                int j = 1;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }
}

#if !VISION_ELF_TESTS
namespace VisionPipeline.Build
{
    /// <summary>The MSBuild step: marks the need weak in the copy inside a build output when this system's libstdc++ lacks the version.</summary>
    public sealed class WeakenLibStdCxxNeed : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required] public string Library { get; set; } = "";
        [Microsoft.Build.Framework.Required] public string Version { get; set; } = "";

        public override bool Execute()
        {
            if (!File.Exists(Library)) return true;
            if (ElfVersionNeeds.SystemLibStdCxxHas(Version, "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib"))
                return true;
            if (ElfVersionNeeds.MarkWeak(Library, Version))
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    $"{Library}: marked its need for {Version} weak (this system's libstdc++ lacks it; the one symbol bound to it is never called)");
            return true;
        }
    }
}
#endif
