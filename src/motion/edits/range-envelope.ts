/**
 * The weight an edit has at each moment of its range: 0 outside, 1 in the
 * middle, and eased ramps at both ends, inside the range, so frames outside
 * the range are never touched. Ramps of 0.25 s read as a deliberate change of
 * expression without a visible pop (a tenth of a second already looks like a
 * cut at 25 fps); ranges shorter than two ramps ramp up and straight back down.
 */

export const EDIT_RAMP_SECONDS = 0.25;

export interface RangeEnvelope {
  start: number;
  end: number;
  /** Indices of the first and last frame the range covers (inclusive). */
  first: number;
  last: number;
  weight(t: number): number;
}

/** A range clamped to the track; null when nothing of it is left or it is not a number. */
export function rangeEnvelope(start: number, end: number, fps: number, frameCount: number, ramp = EDIT_RAMP_SECONDS): RangeEnvelope | null {
  if (!Number.isFinite(start) || !Number.isFinite(end) || frameCount === 0) return null;
  const duration = (frameCount - 1) / fps;
  const s = Math.max(0, Math.min(start, end));
  const e = Math.min(duration, Math.max(start, end));
  if (!(e > s)) return null;
  const r = Math.min(ramp, (e - s) / 2);
  return {
    start: s,
    end: e,
    first: Math.ceil(s * fps - 1e-9),
    last: Math.min(frameCount - 1, Math.floor(e * fps + 1e-9)),
    weight(t: number): number {
      if (t <= s || t >= e) return 0;
      if (t < s + r) return smootherstep((t - s) / r);
      if (t > e - r) return smootherstep((e - t) / r);
      return 1;
    },
  };
}

/** Zero first and second derivative at both ends: the ramp starts and lands without a kink in velocity. */
export function smootherstep(u: number): number {
  const x = u <= 0 ? 0 : u >= 1 ? 1 : u;
  return x * x * x * (x * (6 * x - 15) + 10);
}
