/**
 * Critically damped springs: the smoothing used for every moving part.
 *
 * A critically damped second-order system reaches its target without
 * overshoot, keeps velocity continuous (so motion never jerks), and its
 * impulse response ω²·t·e^(−ωt) is non-negative and sums to one: the output is
 * a weighted average of past targets, so it can never leave the range the
 * targets stay in. That last property is how head rotation stays within its
 * bounds without clipping.
 *
 * The update is the exact solution for a target held over the step, so it is
 * stable for any ω·dt (a fast lip spring at 100 Hz would break explicit Euler).
 */

export interface Spring {
  x: number;
  v: number;
}

export function spring(x = 0): Spring {
  return { x, v: 0 };
}

/** Advances `s` by `dt` seconds towards `target` with natural angular frequency `omega` (rad/s). */
export function stepSpring(s: Spring, target: number, omega: number, dt: number): number {
  const a = s.x - target;
  const b = s.v + omega * a;
  const e = Math.exp(-omega * dt);
  s.x = target + (a + b * dt) * e;
  s.v = (b - omega * (a + b * dt)) * e;
  return s.x;
}

/** ω for a spring whose step response reaches about 90% of the way in `seconds` (t90 ≈ 3.9/ω). */
export function omegaFor(seconds: number): number {
  return 3.89 / seconds;
}
