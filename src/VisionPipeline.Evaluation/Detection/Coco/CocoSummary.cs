namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>COCOeval's 12 summary numbers (stats[0..11]) and each category's AP; -1 where undefined.</summary>
public sealed record CocoSummary(
    double AP, double AP50, double AP75, double APs, double APm, double APl,
    double AR1, double AR10, double AR100, double ARs, double ARm, double ARl,
    IReadOnlyDictionary<long, double> PerClass)
{
    public IReadOnlyList<(string Name, double Value)> Stats =>
    [
        ("AP", AP), ("AP50", AP50), ("AP75", AP75), ("APs", APs), ("APm", APm), ("APl", APl),
        ("AR1", AR1), ("AR10", AR10), ("AR100", AR100), ("ARs", ARs), ("ARm", ARm), ("ARl", ARl),
    ];
}
