/**
 * The face's own frame in the photo: where it is, which way it is rolled,
 * and how big (1 face unit = the distance between the eye centres), plus the
 * pivots the head and the jaw turn about. Derived from the landmarks alone.
 */
import type { FaceFrame } from '../contracts/rig.ts';
import { EAR_LEVEL, EYES } from './face-regions.ts';

/** Landmarks as the rig stores them: x, y photo px, depth px (larger = nearer). */
export type Points3 = Float32Array;

export function point(p: Points3, i: number): [number, number, number] {
  return [p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!];
}

function mean(p: Points3, idx: readonly number[]): [number, number, number] {
  const m: [number, number, number] = [0, 0, 0];
  for (const i of idx) for (let k = 0; k < 3; k++) m[k]! += p[i * 3 + k]! / idx.length;
  return m;
}

export function eyeCentres(p: Points3): { right: [number, number, number]; left: [number, number, number] } {
  const ring = (e: (typeof EYES)['right' | 'left']) => [...e.corners, ...e.upper, ...e.lower];
  return { right: mean(p, ring(EYES.right)), left: mean(p, ring(EYES.left)) };
}

export function faceFrame(p: Points3): FaceFrame {
  const { right, left } = eyeCentres(p);
  const dx = left[0] - right[0];
  const dy = left[1] - right[1];
  const scale = Math.hypot(dx, dy);
  const xAxis: [number, number] = [dx / scale, dy / scale];
  const yAxis: [number, number] = [-xAxis[1], xAxis[0]];
  const centre: [number, number, number] = [(right[0] + left[0]) / 2, (right[1] + left[1]) / 2, (right[2] + left[2]) / 2];
  const along = (o: [number, number, number], down: number, back: number): [number, number, number] => [
    o[0] + yAxis[0] * down * scale,
    o[1] + yAxis[1] * down * scale,
    o[2] - back * scale,
  ];
  // Head pivot: the top of the neck, about 1.7 eye distances below the eyes and
  // well behind the face surface (the atlas joint sits under the ears).
  const headPivot = along(centre, 1.7, 1.3);
  // Jaw hinge: between the ears, a little below eye level.
  const ears = mean(p, [EAR_LEVEL.right, EAR_LEVEL.left]);
  const jawPivot = along([ears[0], ears[1], centre[2]], 0.35, 1.0);
  return { centre, xAxis, yAxis, scale, headPivot, jawPivot };
}

/** Photo point → face units (x along the eye line, y down the face, z towards the viewer), origin at the eye midpoint. */
export function toFace(f: FaceFrame, x: number, y: number, z: number): [number, number, number] {
  const ox = x - f.centre[0];
  const oy = y - f.centre[1];
  return [(ox * f.xAxis[0] + oy * f.xAxis[1]) / f.scale, (ox * f.yAxis[0] + oy * f.yAxis[1]) / f.scale, (z - f.centre[2]) / f.scale];
}

/** A displacement in face units → photo px. */
export function fromFaceDelta(f: FaceFrame, dx: number, dy: number, dz: number): [number, number, number] {
  return [(dx * f.xAxis[0] + dy * f.yAxis[0]) * f.scale, (dx * f.xAxis[1] + dy * f.yAxis[1]) * f.scale, dz * f.scale];
}
