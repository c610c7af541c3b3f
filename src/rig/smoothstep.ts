/** Hermite smoothstep: 0 below a, 1 above b, smooth in between. Used for every weight ramp in the rig. */
export function smoothstep(a: number, b: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
}
