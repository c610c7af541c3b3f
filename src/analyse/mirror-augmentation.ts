/**
 * Mirror test-time augmentation for the face landmark models: run the model
 * on the crop and on its horizontal mirror, read the mirrored answer back
 * (flip x, and swap each landmark with its left↔right partner), and average.
 *
 * Why: on the astronaut the mesh's chin sits 3–4 px to one side of the
 * midline and moves to the other side when the photo is mirrored, and the
 * outer eye and mouth corners lean the same way; that part of the model's
 * bias is odd under mirroring, so the average cancels it. Even bias (both
 * mouth corners pushed outwards) survives; see face-landmarks.test.ts.
 */

/**
 * The canonical face mesh's 28 vertices on the midline (x = 0), which are
 * their own mirror images. The mesh numbers the rest so that the 220
 * non-midline vertices below 248 (all x < 0) pair, in ascending order, with
 * 248…467 (all x > 0). A unit test derives the pairing from the canonical
 * mesh's positions (nearest vertex to each vertex's mirror image) and checks
 * it against this.
 */
const MIDLINE = new Set([0, 1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 94, 151, 152, 164, 168, 175, 195, 197, 199, 200]);
const FIRST_OF_SECOND_SIDE = 248;

/**
 * Iris points (478-point model): centre, then the contour at image-right,
 * top, image-left, bottom (measured on the astronaut). Mirroring swaps the
 * two irises and, within each, the image-right and image-left points.
 */
const IRIS_MIRROR_ORDER = [0, 3, 2, 1, 4] as const;

function buildMirrorPairs(): Uint16Array {
  const pairs = new Uint16Array(478);
  let partner = FIRST_OF_SECOND_SIDE;
  for (let i = 0; i < FIRST_OF_SECOND_SIDE; i++) {
    if (MIDLINE.has(i)) {
      pairs[i] = i;
    } else {
      pairs[i] = partner;
      pairs[partner++] = i;
    }
  }
  for (let k = 0; k < 5; k++) {
    pairs[468 + k] = 473 + IRIS_MIRROR_ORDER[k]!;
    pairs[473 + k] = 468 + IRIS_MIRROR_ORDER[k]!;
  }
  return pairs;
}

/** Landmark i's left↔right partner, for the 468 mesh points and the 10 iris points. */
export const FACE_MIRROR_PAIRS: Readonly<Uint16Array> = buildMirrorPairs();

/** An NCHW tensor (any N, C, H) of the given width, flipped left↔right into a new array. */
export function flipTensorHorizontally(t: Float32Array, width: number): Float32Array {
  const out = new Float32Array(t.length);
  for (let o = 0; o < t.length; o += width) {
    for (let j = 0; j < width; j++) out[o + j] = t[o + width - 1 - j]!;
  }
  return out;
}

/**
 * `direct` and `mirrored`: countx3 landmarks in input pixels from the crop
 * and from its mirror. Returns their average in the crop's frame. x flips as
 * W − x: input pixel j's centre (j + 0.5) lands on W − (j + 0.5).
 */
export function averageWithMirrored(direct: Float32Array, mirrored: Float32Array, count: number, inputWidth: number): Float32Array {
  const out = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const m = 3 * FACE_MIRROR_PAIRS[i]!;
    out[3 * i] = (direct[3 * i]! + inputWidth - mirrored[m]!) / 2;
    out[3 * i + 1] = (direct[3 * i + 1]! + mirrored[m + 1]!) / 2;
    out[3 * i + 2] = (direct[3 * i + 2]! + mirrored[m + 2]!) / 2;
  }
  return out;
}
