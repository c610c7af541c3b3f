/**
 * The head layer's mesh: MediaPipe's canonical triangles over the 468
 * landmarks, with the mouth slit cut open (so the jaw can part the lips), and
 * rings of vertices around the face outline that carry hair, ears and neck.
 *
 * The outermost ring never moves. The layer therefore always covers the same
 * outline, whatever the head does inside it: nothing underneath is revealed
 * except through its own (matte-masked) background pixels, where the
 * inpainted plate shows.
 */
import type { FaceFrame, RigMesh, SkinWeights } from '../contracts/rig.ts';
import canonical from './canonical-face-mesh.json' with { type: 'json' };
import { FACE_OVAL, INNER_LIP_LOWER, INNER_LIP_UPPER, LIP_BODY_LOWER, LIP_BODY_UPPER, LIP_CORNER_FILL, OUTER_LIP_LOWER, OUTER_LIP_UPPER, MOUTH_CORNERS } from './face-regions.ts';
import { eyeOutline } from './eyes.ts';
import { toFace, type Points3 } from './face-frame.ts';
import { smoothstep } from './smoothstep.ts';
import { slopeLimitedDepth } from './depth-slope.ts';

/** The mouth corners' share of the jaw: they stretch between the lips. */
const CORNER_JAW = 0.4;

/** Ring scale factors from the face outline's centre, and how much each follows the head, upwards and downwards. */
const RINGS = [
  { scale: 1.12, headUp: 1, headDown: 0.8, depthBack: 0.15 },
  { scale: 1.3, headUp: 1, headDown: 0.55, depthBack: 0.45 },
  { scale: 1.55, headUp: 0.85, headDown: 0.3, depthBack: 0.8 },
  { scale: 1.9, headUp: 0.45, headDown: 0.1, depthBack: 1.1 },
  { scale: 2.4, headUp: 0, headDown: 0, depthBack: 1.3 },
] as const;

/** Depth px per photo px, at most, on the side of the head that turns into view (depth-slope.ts): a surface 70° from the photo's plane. */
const MAX_DEPTH_SLOPE = 3;

export interface HeadMesh {
  mesh: RigMesh;
  skin: SkinWeights;
  faceVertexCount: number;
  /** Per vertex, the depth the turn uses on the side that comes into view (see RigLayer.turnDepth). */
  turnDepth: Float32Array;
  rings: { inner: number[]; count: number };
  /** The static outer ring, photo px, in order: the outline the layer always covers (it may reach past the photo's edge). */
  outline: [number, number][];
}


/**
 * Canonical triangles minus those spanning the mouth and eye openings (every
 * vertex on the inner lip contour, or on one eye's outline): the holes through
 * which the mouth interior and the eyes show.
 */
export function faceTriangles(): number[] {
  const openings = [new Set<number>([...INNER_LIP_UPPER, ...INNER_LIP_LOWER]), new Set(eyeOutline('right')), new Set(eyeOutline('left'))];
  const t = canonical.triangles;
  const out: number[] = [];
  for (let i = 0; i < t.length; i += 3) {
    if (openings.some((o) => o.has(t[i]!) && o.has(t[i + 1]!) && o.has(t[i + 2]!))) continue;
    out.push(t[i]!, t[i + 1]!, t[i + 2]!);
  }
  return out;
}

/** How much each face landmark follows the jaw: the lower lip and chin fully, the upper lip not at all, cheeks in between. */
function jawWeights(landmarks: Points3, frame: FaceFrame): Float32Array {
  const w = new Float32Array(468);
  const face = (i: number) => toFace(frame, ...pt(landmarks, i));
  const right = face(MOUTH_CORNERS.right[0]);
  const left = face(MOUTH_CORNERS.left[0]);
  const mouthY = (right[1] + left[1]) / 2;
  for (let i = 0; i < 468; i++) {
    const [x, y] = face(i);
    // Below the mouth line the jaw takes over within a quarter of an eye distance; far to the side (towards the ears) it fades.
    w[i] = smoothstep(mouthY - 0.05, mouthY + 0.3, y) * (1 - smoothstep(0.9, 1.5, Math.abs(x)));
  }
  // A lip moves as one piece, every row of it. When a lip's middle rows were
  // left on the falloff above, they lagged behind its edges as the jaw
  // dropped: the lower lip folded over the opening and its texture was
  // dragged up into what looked like a tongue sticking out. Towards the
  // corners both lips blend to the corners' share, so the opening closes
  // there smoothly.
  const cx = (right[0] + left[0]) / 2;
  const half = Math.max(1e-6, Math.abs(left[0] - right[0]) / 2);
  const cornerward = (i: number) => smoothstep(0.75, 1, Math.abs(face(i)[0] - cx) / half);
  for (const i of [...LIP_BODY_LOWER, ...INNER_LIP_LOWER, ...OUTER_LIP_LOWER]) w[i] = 1 - (1 - CORNER_JAW) * cornerward(i);
  for (const i of [...LIP_BODY_UPPER, ...INNER_LIP_UPPER, ...OUTER_LIP_UPPER]) w[i] = CORNER_JAW * cornerward(i);
  for (const i of [...MOUTH_CORNERS.right, ...MOUTH_CORNERS.left, ...LIP_CORNER_FILL]) w[i] = CORNER_JAW;
  return w;
}

function pt(p: Points3, i: number): [number, number, number] {
  return [p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!];
}

export function buildHeadMesh(landmarks: Points3, frame: FaceFrame, photo: { width: number; height: number }): HeadMesh {
  const oval = FACE_OVAL.map((i) => pt(landmarks, i));
  const cx = oval.reduce((a, p) => a + p[0], 0) / oval.length;
  const cy = oval.reduce((a, p) => a + p[1], 0) / oval.length;
  const n = 468 + RINGS.length * oval.length;
  const positions = new Float32Array(n * 3);
  positions.set(landmarks.subarray(0, 468 * 3));
  const head = new Float32Array(n);
  head.fill(1, 0, 468);
  const jaw = new Float32Array(n);
  jaw.set(jawWeights(landmarks, frame));
  const outline: [number, number][] = [];

  RINGS.forEach((ring, r) => {
    oval.forEach((o, k) => {
      const v = 468 + r * oval.length + k;
      // Rings reach past the photo's edge where the head is cropped by it (a
      // close-up's hair at the top). There the renderer samples the photo
      // mirrored, so a head that nods down or turns brings in hair reflected
      // from beyond the edge. Held to the edge, the rings that follow the
      // head folded into a zero-width strip along it, and a nod pulled the
      // photo's top row down as vertical streaks.
      const x = cx + (o[0] - cx) * ring.scale;
      const y = cy + (o[1] - cy) * ring.scale;
      positions.set([x, y, o[2] - ring.depthBack * frame.scale], v * 3);
      // How far this direction points down the face: the neck follows the head less than the hair does.
      const len = Math.hypot(o[0] - cx, o[1] - cy) || 1;
      const down = ((o[0] - cx) * frame.yAxis[0] + (o[1] - cy) * frame.yAxis[1]) / len;
      const t = smoothstep(-0.1, 0.6, down);
      head[v] = ring.headUp * (1 - t) + ring.headDown * t;
      // Soft tissue under the chin goes with the jaw a little.
      jaw[v] = r === 0 ? 0.5 * smoothstep(0.6, 0.95, down) : 0;
      if (r === RINGS.length - 1) outline.push([x, y]);
    });
  });

  const indices: number[] = faceTriangles();
  // Quads between consecutive rings (the face outline is ring −1).
  const ringVertex = (r: number, k: number) => (r < 0 ? FACE_OVAL[k]! : 468 + r * oval.length + k);
  for (let r = -1; r < RINGS.length - 1; r++) {
    for (let k = 0; k < oval.length; k++) {
      const k2 = (k + 1) % oval.length;
      const a = ringVertex(r, k);
      const b = ringVertex(r, k2);
      const c = ringVertex(r + 1, k);
      const d = ringVertex(r + 1, k2);
      indices.push(a, b, c, b, d, c);
    }
  }

  const uvs = new Float32Array(n * 2);
  for (let v = 0; v < n; v++) {
    uvs[v * 2] = positions[v * 3]! / photo.width;
    uvs[v * 2 + 1] = positions[v * 3 + 1]! / photo.height;
  }
  return {
    mesh: { positions, uvs, opacity: new Float32Array(n).fill(1), indices: Uint32Array.from(indices) },
    skin: { head, jaw, torso: new Float32Array(n) },
    faceVertexCount: 468,
    turnDepth: slopeLimitedDepth(positions, MAX_DEPTH_SLOPE),
    rings: { inner: [...FACE_OVAL], count: RINGS.length },
    outline,
  };
}
