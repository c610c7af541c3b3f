/** Seconds ↔ pixels for the timeline, and where the ruler puts its ticks. */

/** Zoom limits: a whole 10-minute track in a narrow panel, down to single frames at 25 fps being 16 px apart. */
export const MIN_PX_PER_SECOND = 0.5;
export const MAX_PX_PER_SECOND = 400;

export function clampZoom(pxPerSecond: number): number {
  return Math.max(MIN_PX_PER_SECOND, Math.min(MAX_PX_PER_SECOND, pxPerSecond));
}

/** The zoom at which the whole track fits the width. */
export function fitZoom(duration: number, width: number): number {
  return clampZoom(duration > 0 ? width / duration : MAX_PX_PER_SECOND);
}

// Steps a person reads easily: frames-ish, tenths, halves, seconds, then minutes.
const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

/** The ruler's major step: the smallest nice step whose labels are at least `minGapPx` apart. */
export function rulerStep(pxPerSecond: number, minGapPx = 72): number {
  return STEPS.find((s) => s * pxPerSecond >= minGapPx) ?? STEPS[STEPS.length - 1]!;
}

/** Major ticks in [t0, t1] (inclusive), as whole multiples of the step so they do not drift with scrolling. */
export function rulerTicks(t0: number, t1: number, step: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(t0 / step - 1e-9); k * step <= t1 + 1e-9; k++) out.push(Math.round(k * step * 1000) / 1000 + 0); // + 0 turns −0 into 0
  return out;
}

/** "1:05.2" past a minute, "5.2 s" below one; as many decimals as the step needs (hundredths at most). */
export function formatTime(t: number, step = 0.1): string {
  const digits = step < 0.1 ? 2 : step < 1 ? 1 : 0;
  const sign = t < 0 ? '−' : '';
  // Round first, so 599.96 s reads 10:00.0 and not 9:60.0.
  const a = Math.round(Math.abs(t) * 10 ** digits) / 10 ** digits;
  if (a < 60) return `${sign}${a.toFixed(digits)} s`;
  const m = Math.floor(a / 60);
  const s = a - m * 60;
  return `${sign}${m}:${s.toFixed(digits).padStart(digits ? 3 + digits : 2, '0')}`;
}

/** What is in view: the zoom, the scroll offset and the time span they show. `pad` pixels are kept before 0 s and after the end. */
export interface TimelineView {
  pxPerSecond: number;
  scrollLeft: number;
  pad: number;
  t0: number;
  t1: number;
}

export function makeView(pxPerSecond: number, scrollLeft: number, width: number, pad: number): TimelineView {
  return { pxPerSecond, scrollLeft, pad, t0: (scrollLeft - pad) / pxPerSecond, t1: (scrollLeft + width - pad) / pxPerSecond };
}

/** x of time `t` inside the visible area. */
export function xOf(v: TimelineView, t: number): number {
  return v.pad + t * v.pxPerSecond - v.scrollLeft;
}

/** Time under x inside the visible area. */
export function timeAt(v: TimelineView, x: number): number {
  return (x + v.scrollLeft - v.pad) / v.pxPerSecond;
}
