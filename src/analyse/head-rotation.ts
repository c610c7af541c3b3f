/**
 * Yaw, pitch and roll of a head from its 3D face landmarks: build the face's
 * own axes (eye line across, forehead→chin down, their cross product out of
 * the face) and read the angles off that frame. Good to a few degrees, which
 * is what the renderer needs for its starting pose; it is not a fitted model.
 */
import type { HeadRotation } from '../contracts/analysis.ts';
import { FACE_MESH } from './face-mesh-indices.ts';

type Vec3 = [number, number, number];

function point(l: Float32Array, i: number): Vec3 {
  return [l[3 * i]!, l[3 * i + 1]!, l[3 * i + 2]!];
}
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const unit = (a: Vec3): Vec3 => scale(a, 1 / Math.hypot(...a));
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/**
 * landmarks468x3 in photo pixels (x right, y down, z away from the camera).
 * The eye line is the primary axis because eye corners are the most precisely
 * placed points; forehead→chin is made orthogonal to it.
 */
export function headRotation(landmarks: Float32Array): HeadRotation {
  const across = unit(sub(point(landmarks, FACE_MESH.leftEyeOuter), point(landmarks, FACE_MESH.rightEyeOuter)));
  const downRaw = sub(point(landmarks, FACE_MESH.chin), point(landmarks, FACE_MESH.foreheadTop));
  const down = unit(sub(downRaw, scale(across, dot(downRaw, across))));
  const back = cross(across, down); // points into the scene for a face looking at the camera
  return {
    roll: Math.atan2(across[1], across[0]),
    // The face's forward vector is -back: it points right (+x) when the head turns to the photo's right.
    yaw: Math.atan2(-back[0], back[2]),
    pitch: Math.atan2(-back[1], Math.hypot(back[0], back[2])),
  };
}
