using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Masks;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.Evaluation.Inputs.Predictions;

namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>COCOeval's iouType.</summary>
public enum IouType { Bbox, Segm }

/// <summary>A problem ready for <see cref="CocoEvaluator"/> with the IoU it is to be measured by.</summary>
public sealed record CocoDetectionSet(CocoProblem Problem, IIouMeasure Iou);

/// <summary>
/// Ground truth and predictions turned into COCOeval's inputs the way pycocotools' COCO/loadRes does it:
/// ground-truth <c>area</c> as the file gave it (computed only where the format has none), ignore = crowd (a VOC
/// <c>difficult</c> object counts as crowd); results take the bbox branch when the first result has a box — area
/// w·h, and for segm the box's polygon when a result has no mask — and otherwise the mask branch: area and box from
/// the mask. Masks are rasterised at the image size the ground truth gives.
/// </summary>
public static class CocoResultsLoader
{
    public static CocoDetectionSet Load(GroundTruthSet truth, IReadOnlyList<PredictedObject> predictions, IouType iouType, string resultsFile)
    {
        bool segm = iouType == IouType.Segm;
        var gts = new List<GroundTruthObject>();
        var gtMasks = new List<Rle>();
        foreach (var image in truth.Images)
            foreach (var a in image.Annotations)
            {
                gts.Add(new GroundTruthObject(a.Id, image.Id, a.CategoryId, a.Box, a.ResolveArea(image.Height, image.Width), a.IsCrowd || (a.Difficult && truth.DifficultIsCrowd)));
                if (segm)
                {
                    var shape = a.Segmentation ?? throw new VisionException(truth.Source is "" ? truth.Dataset.ImageRoot : truth.Source, "has no segmentation; --iou-type segm needs one for every annotation", $"annotation {a.Id}");
                    gtMasks.Add(shape.ToRle(image.Height, image.Width));
                }
            }

        bool boxBranch = predictions.Count > 0 && predictions[0].Box is not null;
        var dts = new List<DetectedObject>(predictions.Count);
        var dtMasks = new List<Rle>();
        for (int i = 0; i < predictions.Count; i++)
        {
            var p = predictions[i];
            var image = truth.ImageById(p.ImageId)
                ?? throw new VisionException(resultsFile, $"image_id {p.ImageId} is not an image of the ground truth", $"result #{i}");
            if (boxBranch)
            {
                var box = p.Box ?? throw new VisionException(resultsFile, "has no bbox, but the first result has one (all results must have the same form)", $"result #{i}");
                dts.Add(new DetectedObject(p.ImageId, p.CategoryId, box, box.Width * box.Height, p.Score));
                if (segm) dtMasks.Add(p.Segmentation?.ToRle(image.Height, image.Width) ?? Rle.FromBbox(box, image.Height, image.Width));
            }
            else
            {
                var mask = (p.Segmentation ?? throw new VisionException(resultsFile, "has neither bbox nor segmentation", $"result #{i}"))
                    .ToRle(image.Height, image.Width);
                dts.Add(new DetectedObject(p.ImageId, p.CategoryId, p.Box ?? mask.ToBbox(), mask.Area, p.Score));
                if (segm) dtMasks.Add(mask);
            }
        }

        var problem = new CocoProblem(truth.Images.Select(i => i.Id).ToList(), truth.Dataset.Categories.Select(c => c.Id).ToList(), gts, dts);
        IIouMeasure iou = segm ? new MaskIouMeasure(dtMasks, gtMasks, gts) : new BoxIouMeasure(dts, gts);
        return new CocoDetectionSet(problem, iou);
    }
}
