/**
 * A real rig, built by the app's buildRig, from a face that needs no model:
 * MediaPipe's canonical face mesh placed on a 512² grey photo, with a matte
 * of head and shoulders so the body layer (and its torso weights) exists.
 */
import type { PhotoAnalysis } from '../../../src/contracts/analysis.ts';
import type { Rig } from '../../../src/contracts/rig.ts';
import { buildRig } from '../../../src/rig/build-rig.ts';
import canonical from '../../../src/rig/canonical-face-mesh.json' with { type: 'json' };

export const PHOTO = { width: 512, height: 512 };

export function canonicalAnalysis(): PhotoAnalysis {
  // Canonical units are cm with y up and z towards the viewer; photo px have y down and MediaPipe's z away from the camera.
  const scale = 14;
  const landmarks = new Float32Array(478 * 3);
  for (let i = 0; i < 468; i++) {
    landmarks[i * 3] = 256 + canonical.positions[i * 3]! * scale;
    landmarks[i * 3 + 1] = 200 - canonical.positions[i * 3 + 1]! * scale;
    landmarks[i * 3 + 2] = -canonical.positions[i * 3 + 2]! * scale;
  }
  // Irises: a centre between each eye's corners and four rim points, as the 478-point model gives them.
  for (const [first, a, b] of [[468, 33, 133], [473, 263, 362]] as const) {
    const cx = (landmarks[a * 3]! + landmarks[b * 3]!) / 2;
    const cy = (landmarks[a * 3 + 1]! + landmarks[b * 3 + 1]!) / 2;
    const r = 6;
    [[0, 0], [r, 0], [0, -r], [-r, 0], [0, r]].forEach(([dx, dy], k) => landmarks.set([cx + dx!, cy + dy!, 0], (first + k) * 3));
  }
  // At the photo's resolution, as analysePhoto gives it (buildRig only ever downscales a matte).
  const alpha = new Uint8Array(512 * 512);
  for (let y = 0; y < 512; y++)
    for (let x = 0; x < 512; x++) {
      const head = ((x - 256) / 120) ** 2 + ((y - 200) / 160) ** 2 < 1;
      const shoulders = y > 340 && Math.abs(x - 256) < 200;
      alpha[y * 512 + x] = head || shoulders ? 255 : 0;
    }
  const xs = Array.from({ length: 468 }, (_, i) => landmarks[i * 3]!);
  const ys = Array.from({ length: 468 }, (_, i) => landmarks[i * 3 + 1]!);
  const box = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  return {
    version: 1,
    photo: PHOTO,
    faces: [
      {
        box,
        score: 1,
        presence: 1,
        landmarks,
        landmarkCount: 478,
        irisCentres: { right: [landmarks[468 * 3]!, landmarks[468 * 3 + 1]!], left: [landmarks[473 * 3]!, landmarks[473 * 3 + 1]!], estimated: false },
        headRotation: { yaw: 0, pitch: 0, roll: 0 },
        foundBy: 'face-detector',
      },
    ],
    body: null,
    hands: [],
    matte: { width: 512, height: 512, alpha },
    timings: {},
    backend: 'test',
  };
}

export function canonicalRig(analysis = canonicalAnalysis()): Rig {
  const data = new Uint8Array(PHOTO.width * PHOTO.height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([150, 130, 120, 255], i);
  return buildRig(analysis, { ...PHOTO, data });
}
