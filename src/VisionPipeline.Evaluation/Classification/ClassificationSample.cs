namespace VisionPipeline.Evaluation.Classification;

/// <summary>
/// One classified item: its true label, the predicted label, and optionally one score per class (in the order of
/// the evaluator's class list) for top-k accuracy.
/// </summary>
public sealed record ClassificationSample(string Id, string Truth, string Predicted, IReadOnlyList<double>? Scores = null);
