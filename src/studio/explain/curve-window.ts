/**
 * The curves view's data: the main motion parameters, read from the frames
 * of a short window around the current one. Only that window is read, so a
 * ten-minute track costs a frame what a ten-second one does.
 */
import type { MotionFrame, MotionTrack } from '../../contracts/motion.ts';

export interface CurveSpec {
  key: string;
  label: string;
  /** The value plotted, in the unit shown. */
  read: (f: MotionFrame) => number;
  /** Fixed plot range: a fixed scale lets a class compare moments; values beyond it are drawn at the edge. */
  min: number;
  max: number;
  unit: 'share' | 'degrees';
  colour: string;
}

const DEG = 180 / Math.PI;
const both = (f: MotionFrame, l: 'mouthSmileLeft' | 'eyeBlinkLeft', r: 'mouthSmileRight' | 'eyeBlinkRight') =>
  ((f.blendshapes[l] ?? 0) + (f.blendshapes[r] ?? 0)) / 2;

/** The parameters a class can see move in the preview, with ranges that natural speech fills. */
export const CURVES: readonly CurveSpec[] = [
  { key: 'jawOpen', label: 'Jaw open', read: (f) => f.blendshapes.jawOpen ?? 0, min: 0, max: 1, unit: 'share', colour: '#e69f00' },
  { key: 'mouthSmile', label: 'Smile', read: (f) => both(f, 'mouthSmileLeft', 'mouthSmileRight'), min: 0, max: 1, unit: 'share', colour: '#f0e442' },
  { key: 'eyeBlink', label: 'Blink', read: (f) => both(f, 'eyeBlinkLeft', 'eyeBlinkRight'), min: 0, max: 1, unit: 'share', colour: '#56b4e9' },
  { key: 'yaw', label: 'Head turn', read: (f) => f.head.yaw * DEG, min: -20, max: 20, unit: 'degrees', colour: '#cc79a7' },
  { key: 'pitch', label: 'Head nod', read: (f) => f.head.pitch * DEG, min: -15, max: 15, unit: 'degrees', colour: '#009e73' },
  { key: 'roll', label: 'Head tilt', read: (f) => f.head.roll * DEG, min: -15, max: 15, unit: 'degrees', colour: '#ff9b85' },
];

/** Seconds of history and of what is coming, around the playhead. */
export const CURVE_PAST_S = 3;
export const CURVE_FUTURE_S = 1;

export interface FrameWindow {
  /** Inclusive frame range that exists in the track. */
  first: number;
  last: number;
  /** The window's nominal span, frames, even where it runs off the track: the x scale stays fixed. */
  from: number;
  to: number;
}

export function curveWindow(frameIndex: number, frameCount: number, fps: number, past = CURVE_PAST_S, future = CURVE_FUTURE_S): FrameWindow {
  const from = frameIndex - Math.round(past * fps);
  const to = frameIndex + Math.round(future * fps);
  return { from, to, first: Math.max(0, from), last: Math.min(frameCount - 1, to) };
}

/** Values of one curve over the window's frames that exist (first…last). */
export function sampleCurve(track: MotionTrack, spec: CurveSpec, w: FrameWindow): Float32Array {
  const n = Math.max(0, w.last - w.first + 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const f = track.frames[w.first + i];
    out[i] = f ? spec.read(f) : 0;
  }
  return out;
}

/** 0 at the bottom of the plot, 1 at the top, clamped. */
export function plotHeight(spec: CurveSpec, value: number): number {
  return Math.min(1, Math.max(0, (value - spec.min) / (spec.max - spec.min)));
}

export function formatCurveValue(spec: CurveSpec, value: number): string {
  if (spec.unit === 'degrees') {
    const d = Math.round(value);
    return `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d)}°`;
  }
  return `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%`;
}
