/**
 * Constructed faces for the metric tests: MediaPipe's canonical 468-point
 * mesh (cm, y up, z towards the viewer) placed in an image as landmarks in
 * pixels (y down, z negative towards the camera, MediaPipe's convention).
 */
import { readFileSync } from 'node:fs';
import { INNER_LIP_LOWER, OUTER_LIP_LOWER } from '../../../src/rig/face-regions.ts';

const canonical = JSON.parse(readFileSync(new URL('../../../src/rig/canonical-face-mesh.json', import.meta.url), 'utf8')) as {
  positions: number[];
};

/** 20 px per cm puts the outer eye corners 178 px apart: a face in a 512² frame. */
export const PX_PER_CM = 20;

export function baseFace(centre: [number, number] = [256, 256]): Float32Array {
  const p = canonical.positions;
  const out = new Float32Array(468 * 3);
  for (let i = 0; i < 468; i++) {
    out[i * 3] = centre[0] + p[i * 3]! * PX_PER_CM;
    out[i * 3 + 1] = centre[1] - p[i * 3 + 1]! * PX_PER_CM;
    out[i * 3 + 2] = -p[i * 3 + 2]! * PX_PER_CM;
  }
  return out;
}

const LOWER_LIP = [...new Set<number>([...INNER_LIP_LOWER, ...OUTER_LIP_LOWER])];

/** The lower lip moved down by `px` (only lip points: a mouth-only change). */
export function openMouth(face: Float32Array, px: number): Float32Array {
  const out = face.slice();
  for (const i of LOWER_LIP) out[i * 3 + 1]! += px;
  return out;
}

/** Rotation about y (yaw), then x (pitch), then z (roll), scale, translation; about the face's centroid. */
export function moveRigidly(
  face: Float32Array,
  m: { yaw?: number; pitch?: number; roll?: number; scale?: number; dx?: number; dy?: number; dz?: number },
): Float32Array {
  const { yaw = 0, pitch = 0, roll = 0, scale = 1, dx = 0, dy = 0, dz = 0 } = m;
  const n = face.length / 3;
  const c = [0, 1, 2].map((k) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += face[i * 3 + k]!;
    return s / n;
  }) as [number, number, number];
  const out = new Float32Array(face.length);
  for (let i = 0; i < n; i++) {
    let x = face[i * 3]! - c[0];
    let y = face[i * 3 + 1]! - c[1];
    let z = face[i * 3 + 2]! - c[2];
    [x, z] = [x * Math.cos(yaw) + z * Math.sin(yaw), -x * Math.sin(yaw) + z * Math.cos(yaw)];
    [y, z] = [y * Math.cos(pitch) - z * Math.sin(pitch), y * Math.sin(pitch) + z * Math.cos(pitch)];
    [x, y] = [x * Math.cos(roll) - y * Math.sin(roll), x * Math.sin(roll) + y * Math.cos(roll)];
    out[i * 3] = c[0] + scale * x + dx;
    out[i * 3 + 1] = c[1] + scale * y + dy;
    out[i * 3 + 2] = c[2] + scale * z + dz;
  }
  return out;
}

/** Deterministic uniform [0, 1) (mulberry32), so noisy tests never flake. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller) from a seeded source. */
export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Independent Gaussian noise of `sigma` px on x and y of the chosen points (all by default). */
export function addNoise(face: Float32Array, sigma: number, normal: () => number, points?: readonly number[]): Float32Array {
  const out = face.slice();
  for (const i of points ?? Array.from({ length: face.length / 3 }, (_, k) => k)) {
    out[i * 3]! += sigma * normal();
    out[i * 3 + 1]! += sigma * normal();
  }
  return out;
}

/**
 * Audio whose loudness follows `envelope` (one value per frame, 0–1): a
 * 180 Hz tone at that amplitude, so each frame's RMS is envelope/√2.
 */
export function toneWithEnvelope(envelope: readonly number[], fps: number, sampleRate = 16000): Float32Array {
  const perFrame = sampleRate / fps;
  const out = new Float32Array(Math.round(envelope.length * perFrame));
  for (let s = 0; s < out.length; s++) out[s] = envelope[Math.floor(s / perFrame)]! * Math.sin((2 * Math.PI * 180 * s) / sampleRate);
  return out;
}
