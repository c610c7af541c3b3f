/** The hand-labelled astronaut points, and how far the face pipeline's landmarks are from them. */
import { readFileSync } from 'node:fs';
import type { FaceAnalysis } from '../../../src/contracts/analysis.ts';
import { FACE_MESH } from '../../../src/analyse/face-mesh-indices.ts';
import { decodePng } from './png.ts';
import type { Point, Variant } from './variants.ts';

export const LABELLED = ['rightEyeOuter', 'rightEyeInner', 'leftEyeInner', 'leftEyeOuter', 'noseTip', 'mouthRight', 'mouthLeft', 'chin'] as const;
export type LabelName = (typeof LABELLED)[number];

interface LabelFile {
  points: Record<LabelName, Point>;
  faceWidth: { cheekRight: Point; cheekLeft: Point };
}

const fixtures = new URL('../../fixtures/analyse/', import.meta.url);
export const astronaut = () => decodePng(readFileSync(new URL('astronaut.png', fixtures)));
export const labels = JSON.parse(readFileSync(new URL('astronaut-labels.json', fixtures), 'utf8')) as LabelFile;
export const FACE_WIDTH = Math.hypot(labels.faceWidth.cheekLeft[0] - labels.faceWidth.cheekRight[0], labels.faceWidth.cheekLeft[1] - labels.faceWidth.cheekRight[1]);

/** A mirrored face's right eye is the original's left: the names swap along with the pixels. */
const MIRROR_NAME: Record<LabelName, LabelName> = {
  rightEyeOuter: 'leftEyeOuter', leftEyeOuter: 'rightEyeOuter', rightEyeInner: 'leftEyeInner', leftEyeInner: 'rightEyeInner',
  noseTip: 'noseTip', mouthRight: 'mouthLeft', mouthLeft: 'mouthRight', chin: 'chin',
};

/** Error of each labelled point, in percent of the (variant's) face width. */
export function labelErrors(face: FaceAnalysis, variant: Variant | null, mirroredNames = false): Record<LabelName, number> {
  const out = {} as Record<LabelName, number>;
  const width = FACE_WIDTH * (variant?.scale ?? 1);
  for (const name of LABELLED) {
    const source = mirroredNames ? MIRROR_NAME[name] : name;
    const [lx, ly] = variant ? variant.map(labels.points[source]) : labels.points[source];
    const i = FACE_MESH[name];
    out[name] = (100 * Math.hypot(face.landmarks[3 * i]! - lx, face.landmarks[3 * i + 1]! - ly)) / width;
  }
  return out;
}
