/**
 * Faces too small for the short-range face detector on the whole photo
 * (half- and full-body shots: a face of 40 pixels in a 2000-pixel photo is 3
 * pixels at the detector's 128) are found through the body instead: crop the
 * head region the pose models give, at a size where the face fills about a
 * third of it, and run the face detector and landmarks there.
 *
 * Head regions come from two sources: BlazePose's detector box, which *is* a
 * face box (the detector finds people by their faces), for every person it
 * sees; and the nose/eye/ear landmarks of the body that was tracked.
 */
import type { Detection } from './box-decoding.ts';
import { findFaces } from './face-pipeline.ts';
import type { FaceAnalysis } from '../contracts/analysis.ts';
import type { AnalyseContext } from './model-seam.ts';
import type { RotatedRect } from './rotated-roi.ts';

/** Region side as a multiple of the face's size: the detector's training faces fill roughly a third of its input. */
const REGION_PER_FACE = 3;
/** Head landmarks of the 33-point body: nose, eyes (inner, centre, outer), ears, mouth corners. */
const HEAD_POINTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

function squareAround(cx: number, cy: number, faceSize: number): Region {
  const side = faceSize * REGION_PER_FACE;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

export function headRegionFromPoseDetection(d: Detection): Region {
  return squareAround(d.x + d.width / 2, d.y + d.height / 2, Math.max(d.width, d.height));
}

/** keypoints33x4 (x, y, z, visibility). The ear-to-ear span is about the face's width. */
export function headRegionFromPoseLandmarks(keypoints33x4: Float32Array): Region {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const i of HEAD_POINTS) {
    const x = keypoints33x4[4 * i]!;
    const y = keypoints33x4[4 * i + 1]!;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  return squareAround((x0 + x1) / 2, (y0 + y1) / 2, Math.max(x1 - x0, y1 - y0) * 1.2);
}

/** Faces found in the head regions; the caller merges them with the whole-photo ones (dedupeAndSortFaces). */
export async function smallFacesFromPose(
  ctx: AnalyseContext,
  regions: readonly Region[],
  alreadyFound: readonly { roi: RotatedRect }[],
): Promise<{ face: FaceAnalysis; roi: RotatedRect }[]> {
  const found: { face: FaceAnalysis; roi: RotatedRect }[] = [];
  for (const region of regions) {
    const cx = region.x + region.width / 2;
    const cy = region.y + region.height / 2;
    // A head already covered by a found face needs no second look.
    const covered = [...alreadyFound, ...found].some(
      (f) => Math.abs(f.roi.cx - cx) < f.roi.width / 2 && Math.abs(f.roi.cy - cy) < f.roi.height / 2,
    );
    if (covered) continue;
    found.push(...(await findFaces(ctx, region, 'pose-head-region')));
  }
  return found;
}
