/**
 * The head's depth, as the turn uses it, limited to a slope the photo can
 * show. Towards the face's outline MediaPipe's depth falls away almost
 * vertically: landmarks a pixel apart in the photo sit a quarter of the
 * face's width apart in depth. Turned by 0.3 rad with that depth, the cheek
 * slides sideways past the outline, which hardly moves, and the sliver of
 * photo between them (cheek edge, hair shadow, background) is pulled across
 * ten or more pixels: horizontal streaks between the cheek and the ear.
 *
 * Each vertex is pushed back to the nearest depth within `maxSlope` of every
 * other vertex (the greatest `maxSlope`-Lipschitz surface under the
 * landmarks'). The outline keeps its depth, so the face's silhouette turns
 * as before (and reads as turned to the landmark model); the cheeks next to
 * it go back a little, so the side of the face opens up over a band of cheek
 * instead of a sliver. Nearly flat parts (eyes, nose, mouth) keep their depth.
 */

/** Per vertex of `positions` (x, y, depth per vertex, photo px, larger depth nearer): its limited depth. */
export function slopeLimitedDepth(positions: Float32Array, maxSlope: number): Float32Array {
  const n = positions.length / 3;
  const z = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = positions[i * 3]!;
    const y = positions[i * 3 + 1]!;
    let most = positions[i * 3 + 2]!;
    for (let q = 0; q < n; q++) {
      const reach = positions[q * 3 + 2]! + maxSlope * Math.hypot(positions[q * 3]! - x, positions[q * 3 + 1]! - y);
      if (reach < most) most = reach;
    }
    z[i] = most;
  }
  return z;
}
