using System.CommandLine;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.ImageFolder;
using VisionPipeline.Evaluation.Classification;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.Evaluation.Inputs.Predictions;
using VisionPipeline.Evaluation.Reports;
using VisionPipeline.Graph.Pipelines;

namespace VisionPipeline.Cli.Commands.Eval;

/// <summary>
/// `vision eval classification`: CSV ground truth and predictions (or an ImageFolder run through a classifier
/// pipeline or model) → accuracy, top-5, F1 averages, confusion.
/// </summary>
internal static class ClassificationEvalCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var gt = new Option<string>("--gt") { Description = "Ground truth: CSV id,label, or an ImageFolder dataset (root/<class>/<image>; id = relative path)", Required = true };
        var pred = new Option<string?>("--pred") { Description = "Predictions CSV: id,label[,one score column per class, named in a header row]" };
        var pipeline = new Option<string?>("--pipeline", "-p") { Description = "Instead of --pred: run this classifier pipeline (built-in name or file) over the ImageFolder's images" };
        var model = new Option<string?>("--model", "-m") { Description = "Instead of --pred: run this classifier model file over the ImageFolder's images" };
        var runOutput = new Option<string?>("--output", "-o") { Description = "With --pipeline/--model: where the run's outputs go (default: a temporary folder, removed afterwards)" };
        var node = new Option<string?>("--node") { Description = "With --pipeline: use only this node's classifications" };
        var models = CommonOptions.Models();
        var output = new EvalOutput();
        var command = new Command("classification", "Classification: top-1/top-5 accuracy, per-class P/R/F1, macro/micro/weighted F1, confusion matrix")
        {
            gt, pred, pipeline, model, runOutput, node, models,
        };
        output.AddTo(command);
        command.SetAction(result =>
        {
            var sources = new[] { result.GetValue(pred), result.GetValue(pipeline), result.GetValue(model) }.Count(s => s is not null);
            if (sources != 1) throw new ConfigurationException(null, "give exactly one of --pred, --pipeline, --model");
            var (samples, scoreClasses, problems) = result.GetValue(pred) is { } predPath
                ? FromCsv(result.GetValue(gt)!, predPath)
                : FromRun(result, gt, pipeline, model, runOutput, node, models, stderr);
            foreach (var p in problems) stderr.WriteLine($"error: {p}");
            var m = ClassificationMetrics.Compute(samples, scoreClasses);
            Print(stdout, m, samples.Count);
            if (result.GetValue(output.Json) is { } json) WriteJson(json, m);
            if (result.GetValue(output.Report) is { } dir) stdout.WriteLine($"report: {EvalOutput.WriteReport(dir, Report(m))}");
            return problems.Count == 0 ? VisionApp.Success : VisionApp.SomeFailed;
        });
        return command;
    }

    private static (IReadOnlyList<ClassificationSample>, IReadOnlyList<string>?, IReadOnlyList<string>) FromCsv(string gtPath, string predPath)
    {
        var input = ClassificationCsv.Read(gtPath, predPath);
        return (input.Samples, input.ScoreClasses, input.Problems);
    }

    private static (IReadOnlyList<ClassificationSample>, IReadOnlyList<string>?, IReadOnlyList<string>) FromRun(ParseResult result,
        Option<string> gt, Option<string?> pipeline, Option<string?> model, Option<string?> runOutput, Option<string?> node,
        Option<string?> models, TextWriter stderr)
    {
        var root = result.GetValue(gt)!;
        if (!Directory.Exists(root))
            throw new ConfigurationException(root, "with --pipeline/--model the ground truth must be an ImageFolder dataset (root/<class>/<image>), whose images are run");
        var truth = new GroundTruthSet(ImageFolderReader.Read(root));
        var document = PipelinePredictions.Document(result.GetValue(model), result.GetValue(pipeline));
        using var folder = new EvalRunFolder(result.GetValue(runOutput));
        var resultsFile = PipelinePredictions.Run(document, result.GetValue(models), truth, folder.Path, stderr);
        var problems = EvalOutput.TruthWarnings(stderr, truth.Dataset);
        var (samples, classes) = ResultsJsonlClassifications.Read(resultsFile, truth, result.GetValue(node), problems);
        return (samples, classes, problems);
    }

    private static void Print(TextWriter stdout, ClassificationMetrics m, int count)
    {
        var table = new TextTable("class", "precision", "recall", "F1", "support");
        foreach (var c in m.PerClass) table.Add(c.Label, EvalOutput.Cell(c.Precision), EvalOutput.Cell(c.Recall), EvalOutput.Cell(c.F1), c.Support);
        table.Write(stdout);
        stdout.WriteLine();
        new TextTable("metric", "value")
            .Add("items", count).Add("accuracy", EvalOutput.Cell(m.Accuracy)).Add("top-5", EvalOutput.Cell(m.Top5))
            .Add("macro F1", EvalOutput.Cell(m.MacroF1)).Add("micro F1", EvalOutput.Cell(m.MicroF1)).Add("weighted F1", EvalOutput.Cell(m.WeightedF1))
            .Write(stdout);
    }

    private static void WriteJson(string path, ClassificationMetrics m) => EvalOutput.WriteJson(path, w =>
    {
        w.WriteNumber("accuracy", m.Accuracy);
        EvalOutput.WriteNumberOrNull(w, "top5", m.Top5);
        w.WriteNumber("macro_f1", m.MacroF1);
        w.WriteNumber("micro_f1", m.MicroF1);
        w.WriteNumber("weighted_f1", m.WeightedF1);
        w.WriteStartObject("per_class");
        foreach (var c in m.PerClass)
        {
            w.WriteStartObject(c.Label);
            w.WriteNumber("precision", c.Precision);
            w.WriteNumber("recall", c.Recall);
            w.WriteNumber("f1", c.F1);
            w.WriteNumber("support", c.Support);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("confusion");
        w.WriteStartArray("labels");
        foreach (var l in m.Classes) w.WriteStringValue(l);
        w.WriteEndArray();
        w.WriteStartArray("matrix");
        for (int r = 0; r < m.Classes.Count; r++)
        {
            w.WriteStartArray();
            for (int c = 0; c < m.Classes.Count; c++) w.WriteNumberValue(m.Confusion[r, c]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static HtmlReport Report(ClassificationMetrics m) => new HtmlReport("Classification evaluation")
        .Table(["metric", "value"], [
            ["accuracy", EvalOutput.Cell(m.Accuracy)], ["top-5", EvalOutput.Cell(m.Top5)], ["macro F1", EvalOutput.Cell(m.MacroF1)],
            ["micro F1", EvalOutput.Cell(m.MicroF1)], ["weighted F1", EvalOutput.Cell(m.WeightedF1)]])
        .Heading("Per class")
        .Table(["class", "precision", "recall", "F1", "support"],
            m.PerClass.Select(c => (IReadOnlyList<string>)[c.Label, EvalOutput.Cell(c.Precision), EvalOutput.Cell(c.Recall), EvalOutput.Cell(c.F1), c.Support.ToString()]))
        .Heading("Confusion matrix (rows ground truth, columns prediction)")
        .Markup(SvgCharts.Heatmap(m.Classes, m.Confusion));
}
