/**
 * Taking a backdrop back out of a soft edge: a pixel p that is a layer's
 * colour f at coverage a over backdrop b, p = f·a + b·(1 − a), all in linear
 * light. mesh.wgsl does the same on the GPU for the person layers' edges.
 */

/** The least coverage for which some colour f in 0…1 gives pixel p over backdrop b (per channel, linear light). */
export function leastCoverage(p: ArrayLike<number>, b: ArrayLike<number>): number {
  let least = 0;
  for (let c = 0; c < 3; c++) {
    // f ≥ 0 needs p ≥ (1 − a)·b; f ≤ 1 needs p − b ≤ a·(1 − b).
    if (b[c]! > p[c]!) least = Math.max(least, 1 - p[c]! / b[c]!);
    else if (p[c]! > b[c]! && b[c]! < 1) least = Math.max(least, (p[c]! - b[c]!) / (1 - b[c]!));
  }
  return Math.min(1, least);
}
