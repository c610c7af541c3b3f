/**
 * Moving one blink. The blink is lifted off the lid curve as the difference
 * between the curve and the lid's open level across the blink's window (a
 * straight line between the frames just outside it), the window is filled
 * with that open level, and the lifted shape is laid down at the new time.
 *
 * Laying down uses a screen blend, 1 − (1 − a)(1 − b): on an open lid it is
 * the blink itself, and where it lands on another blink the lid saturates at
 * shut smoothly instead of clipping into a flat top.
 *
 * Wide eyes cannot stay wide through a blink (the engine scales eyeWide by
 * the open fraction), so eyeWide is restored in the old window and scaled at
 * the new one. eyeSquint is not tied to the lid by the engine and is left be.
 */
import type { BlendshapeName, MotionMarker } from '../../contracts/motion.ts';
import { clamp01 } from '../expression.ts';
import type { FrameWriter } from './frame-writer.ts';

/** A moveBlink edit finds its blink by start time; 20 ms (two engine hops) absorbs rounding in saved projects. */
export const BLINK_MATCH_SECONDS = 0.02;

const SIDES: Array<{ blink: BlendshapeName; wide: BlendshapeName }> = [
  { blink: 'eyeBlinkLeft', wide: 'eyeWideLeft' },
  { blink: 'eyeBlinkRight', wide: 'eyeWideRight' },
];

export function findBlink(markers: readonly MotionMarker[], from: number): number {
  let best = -1;
  let bestGap = BLINK_MATCH_SECONDS;
  markers.forEach((m, i) => {
    const gap = Math.abs(m.start - from);
    if (m.kind === 'blink' && gap <= bestGap) {
      best = i;
      bestGap = gap;
    }
  });
  return best;
}

/** Moves the blink that starts at `from` to start at `to` (clamped to the track). Returns false when there is no such blink. */
export function moveBlink(frames: FrameWriter, markers: MotionMarker[], fps: number, from: number, to: number): boolean {
  const index = findBlink(markers, from);
  if (index < 0 || !Number.isFinite(to)) return false;
  const marker = markers[index]!;
  const length = marker.end - marker.start;
  const lastTime = (frames.length - 1) / fps;
  const start = Math.max(0, Math.min(to, lastTime - length));
  const shift = start - marker.start;
  if (Math.abs(shift) < 1e-9) return true;

  const old = blinkWindow(marker.start, marker.end, fps, frames.length);
  const lifted = SIDES.map((side) => lift(frames, old, side.blink));
  for (const side of SIDES) flatten(frames, old, side.blink);
  for (const side of SIDES) flatten(frames, old, side.wide);

  const dest = blinkWindow(marker.start + shift, marker.end + shift, fps, frames.length);
  for (let k = dest.first; k <= dest.last; k++) {
    // Where frame k falls in the old window, in fractional frames: shifts need not be whole frames.
    const p = k - shift * fps - old.first;
    SIDES.forEach((side, s) => {
      const c = sample(lifted[s]!, p);
      if (c <= 0) return;
      const f = frames.write(k);
      const lid = f.blendshapes[side.blink] ?? 0;
      f.blendshapes[side.blink] = clamp01(1 - (1 - lid) * (1 - c));
      const wide = f.blendshapes[side.wide];
      if (wide) f.blendshapes[side.wide] = clamp01(wide * (1 - c));
    });
  }
  markers[index] = { ...marker, start: marker.start + shift, end: marker.end + shift };
  return true;
}

interface Window {
  first: number;
  last: number;
}

/** Frames from the last one at or before the start to the first at or after the end: both ends are open lid. */
function blinkWindow(start: number, end: number, fps: number, count: number): Window {
  return { first: Math.max(0, Math.floor(start * fps + 1e-9)), last: Math.min(count - 1, Math.ceil(end * fps - 1e-9)) };
}

/** The open level across the window: a line between its end frames, or flat where the track cuts the blink off. */
function openLevel(frames: FrameWriter, w: Window, name: BlendshapeName): (k: number) => number {
  const a = frames.read(w.first).blendshapes[name] ?? 0;
  const b = frames.read(w.last).blendshapes[name] ?? 0;
  const span = w.last - w.first;
  if (span <= 0) return () => a;
  // A window cut by the track's end has a half-closed last frame; it cannot serve as the open level.
  const atEnd = w.last === frames.length - 1 && b > a;
  const atStart = w.first === 0 && a > b;
  if (atEnd) return () => a;
  if (atStart) return () => b;
  return (k) => a + ((b - a) * (k - w.first)) / span;
}

function lift(frames: FrameWriter, w: Window, name: BlendshapeName): Float64Array {
  const open = openLevel(frames, w, name);
  const out = new Float64Array(w.last - w.first + 1);
  for (let k = w.first; k <= w.last; k++) out[k - w.first] = clamp01((frames.read(k).blendshapes[name] ?? 0) - open(k));
  return out;
}

function flatten(frames: FrameWriter, w: Window, name: BlendshapeName): void {
  const open = openLevel(frames, w, name);
  for (let k = w.first + 1; k < w.last; k++) {
    const current = frames.read(k).blendshapes[name];
    if (current === undefined) continue;
    const v = open(k);
    if (v !== current) frames.write(k).blendshapes[name] = v;
  }
}

function sample(curve: Float64Array, p: number): number {
  if (p < 0 || p > curve.length - 1) return 0;
  const i = Math.floor(p);
  const u = p - i;
  const a = curve[i]!;
  return u === 0 ? a : a + ((curve[i + 1] ?? 0) - a) * u;
}
