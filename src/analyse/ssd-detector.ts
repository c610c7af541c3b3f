/**
 * Runs one of the SSD detectors (face, pose, palm) on a region of the photo:
 * letterbox the region into the input, run, decode against the anchors,
 * merge with weighted NMS, and map the survivors to photo pixels.
 */
import { cropToTensor } from './affine-crop.ts';
import { decodeBoxes, type Detection } from './box-decoding.ts';
import { letterbox } from './letterbox.ts';
import { detectionToPhoto } from './landmark-projection.ts';
import { outputData, type AnalyseContext } from './model-seam.ts';
import type { ImageModelSpec } from './model-specs.ts';
import { generateAnchors, type SsdAnchorOptions } from './ssd-anchors.ts';
import { weightedNms } from './weighted-nms.ts';
import { throwIfAborted } from './abort.ts';

export interface SsdDetectorSpec {
  model: ImageModelSpec & { regressors: string; scores: string };
  anchors: SsdAnchorOptions;
  numCoords: number;
  numKeypoints: number;
  minScore: number;
  /** IoU above which overlapping boxes are one object (0.3 in all of MediaPipe's detector graphs). */
  nmsIou: number;
}

const anchorCache = new Map<SsdAnchorOptions, Float32Array>();

function anchorsFor(o: SsdAnchorOptions): Float32Array {
  let a = anchorCache.get(o);
  if (!a) anchorCache.set(o, (a = generateAnchors(o)));
  return a;
}

/** Detections in photo pixels, best first. `region` defaults to the whole photo. */
export async function detect(
  ctx: AnalyseContext,
  spec: SsdDetectorSpec,
  region?: { x: number; y: number; width: number; height: number },
): Promise<Detection[]> {
  throwIfAborted(ctx.signal);
  const { model } = spec;
  const lb = letterbox(ctx.pyramid.base, model, region);
  const input = cropToTensor(ctx.pyramid, lb.rect, model); // [1, 3, H, W]
  const out = await ctx.runModel(model.id, { [model.input]: { type: 'float32', dims: [1, 3, model.height, model.width], data: input } });
  const raw = decodeBoxes(outputData(out, model.regressors), outputData(out, model.scores), anchorsFor(spec.anchors), {
    numCoords: spec.numCoords,
    numKeypoints: spec.numKeypoints,
    inputWidth: model.width,
    inputHeight: model.height,
    minScore: spec.minScore,
    scoreClip: 100,
  });
  return weightedNms(raw, spec.nmsIou).map((d) => detectionToPhoto(d, lb.rect));
}
