using System.Text.Json;
using TorchSharp;
using VisionPipeline.Core.IO;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Loop;

/// <summary>
/// The checkpoint folder: state.json, the network being trained, its optimiser, the best weights so far, the random
/// generator's state and the best weights of each finished ensemble member. It is written whole into a sibling
/// folder and then swapped in, so an interrupted save leaves the previous checkpoint intact.
/// </summary>
public sealed class Checkpoint(string directory)
{
    private const string StateFile = "state.json";
    private const string NetworkFile = "network.bin";
    private const string OptimizerFile = "optimizer.bin";
    private const string BestFile = "best.bin";
    private const string RandomFile = "rng.bin";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Directory { get; } = Path.GetFullPath(directory);

    private string Pending => Directory + ".partial";
    private string Previous => Directory + ".previous";

    public static string MemberFile(int member) => $"member-{member}.bin";

    public bool Exists
    {
        get
        {
            Recover();
            return File.Exists(Path.Combine(Directory, StateFile));
        }
    }

    public void Save(CheckpointState state, nn.Module network, optim.Optimizer optimizer, IReadOnlyDictionary<string, Tensor>? best)
    {
        if (System.IO.Directory.Exists(Pending)) System.IO.Directory.Delete(Pending, recursive: true);
        System.IO.Directory.CreateDirectory(Pending);
        network.save(Path.Combine(Pending, NetworkFile));
        Helper(optimizer).save_state_dict(Path.Combine(Pending, OptimizerFile));
        if (best is not null) SaveTensors(Path.Combine(Pending, BestFile), best);
        using (var rng = get_rng_state()) File.WriteAllBytes(Path.Combine(Pending, RandomFile), rng.data<byte>().ToArray());
        if (System.IO.Directory.Exists(Directory))
            foreach (var finished in System.IO.Directory.GetFiles(Directory, "member-*.bin"))
                File.Copy(finished, Path.Combine(Pending, Path.GetFileName(finished)));
        File.WriteAllText(Path.Combine(Pending, StateFile), JsonSerializer.Serialize(state, Json));
        Swap();
    }

    /// <summary>Saves a finished member's best weights beside the checkpoint.</summary>
    public void SaveMember(int member, IReadOnlyDictionary<string, Tensor> weights)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, MemberFile(member));
        AtomicFile.Write(path, stream => WriteTensors(stream, weights));
    }

    public CheckpointState ReadState()
    {
        Recover();
        var path = Path.Combine(Directory, StateFile);
        return JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: empty checkpoint state");
    }

    public void Restore(nn.Module network, optim.Optimizer optimizer)
    {
        network.load(Path.Combine(Directory, NetworkFile));
        Helper(optimizer).load_state_dict(Path.Combine(Directory, OptimizerFile));
        using var rng = tensor(File.ReadAllBytes(Path.Combine(Directory, RandomFile)));
        set_rng_state(rng);
    }

    public Dictionary<string, Tensor>? ReadBest() =>
        File.Exists(Path.Combine(Directory, BestFile)) ? ReadTensors(Path.Combine(Directory, BestFile)) : null;

    public Dictionary<string, Tensor> ReadMember(int member) => ReadTensors(Path.Combine(Directory, MemberFile(member)));

    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper ?? throw new NotSupportedException($"{optimizer.GetType().Name} cannot save its state");

    private void Swap()
    {
        if (System.IO.Directory.Exists(Previous)) System.IO.Directory.Delete(Previous, recursive: true);
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Move(Directory, Previous);
        System.IO.Directory.Move(Pending, Directory);
        if (System.IO.Directory.Exists(Previous)) System.IO.Directory.Delete(Previous, recursive: true);
    }

    /// <summary>A save cut short between its two renames: the previous checkpoint is put back.</summary>
    private void Recover()
    {
        if (!System.IO.Directory.Exists(Directory) && System.IO.Directory.Exists(Previous)) System.IO.Directory.Move(Previous, Directory);
    }

    private static void SaveTensors(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var stream = File.Create(path);
        WriteTensors(stream, tensors);
    }

    private static void WriteTensors(Stream stream, IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(tensors.Count);
        foreach (var (name, value) in tensors)
        {
            writer.Write(name);
            value.Save(writer);
        }
    }

    private static Dictionary<string, Tensor> ReadTensors(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        int count = reader.ReadInt32();
        var tensors = new Dictionary<string, Tensor>(count);
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            tensors[name] = Tensor.Load(reader);
        }
        return tensors;
    }
}
