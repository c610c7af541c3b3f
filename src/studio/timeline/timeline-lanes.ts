/**
 * What the timeline's lanes draw, worked out from a track's markers and
 * frames as plain numbers in seconds and values, so the drawing code only
 * maps them to pixels and the logic can be tested in Node.
 *
 * A ten-minute track has 15 000 frames and a few thousand markers; a lane
 * draws only what is in view, found by binary search, and curves are reduced
 * to a minimum and a maximum per couple of pixels, which keeps every peak a
 * person could see.
 */
import type { MotionFrame, MotionMarker, MotionTrack } from '../../contracts/motion.ts';

export interface Segment {
  start: number;
  end: number;
  label?: string;
}

export interface BlinkMark {
  /** Where the lid starts to close, in seconds: the handle's position and a moveBlink edit's `from`/`to`. */
  start: number;
  end: number;
}

export interface Tick {
  time: number;
  value?: number;
}

export interface TimelineLanes {
  /** Seconds from the first frame to the last. */
  duration: number;
  speech: Segment[];
  visemes: Segment[];
  blinks: BlinkMark[];
  beats: Tick[];
  chunks: Tick[];
}

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

export function trackDuration(track: MotionTrack): number {
  return track.frameCount > 0 ? (track.frameCount - 1) / track.fps : 0;
}

/** Markers sorted into lanes, each in time order. */
export function timelineLanes(track: MotionTrack): TimelineLanes {
  const of = (kind: MotionMarker['kind']) => track.markers.filter((m) => m.kind === kind).sort(byStart);
  const duration = trackDuration(track);
  const segment = (m: MotionMarker): Segment => (m.label === undefined ? { start: m.start, end: m.end } : { start: m.start, end: m.end, label: m.label });
  return {
    duration,
    speech: of('speech').map(segment),
    visemes: of('viseme').map(segment),
    blinks: of('blink').map((m) => ({ start: m.start, end: m.end })),
    beats: of('beat').map((m) => (m.value === undefined ? { time: m.start } : { time: m.start, value: m.value })),
    // A chunk marker spans its chunk (plus the lookahead it read); the boundary is where it starts. The first
    // starts the track and an empty last chunk starts at its end: neither is a boundary.
    chunks: of('chunk').filter((m, i, all) => m.start > 0 && m.start < duration && m.start !== all[i - 1]?.start).map((m) => ({ time: m.start })),
  };
}

/** The items of a lane (sorted by start) that overlap [t0, t1]. Segments in one lane do not overlap, so ends are sorted too. */
export function inView<T extends { start: number; end: number }>(items: readonly T[], t0: number, t1: number): T[] {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.end < t0) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < items.length && items[i]!.start <= t1; i++) out.push(items[i]!);
  return out;
}

export function ticksInView(ticks: readonly Tick[], t0: number, t1: number): Tick[] {
  return inView(ticks.map((t) => ({ ...t, start: t.time, end: t.time })), t0, t1);
}

/** A curve as [t0, v0, t1, v1, …]. */
export type Polyline = number[];

/**
 * One channel of the frames over [t0, t1] as a polyline of at most about
 * 2 × `buckets` points: where more than two frames fall in a bucket, only the
 * bucket's minimum and maximum are kept, in the order they occur. One frame
 * either side of the range is included so the line runs off the edge.
 */
export function curveInView(track: MotionTrack, pick: (f: MotionFrame) => number, t0: number, t1: number, buckets: number): Polyline {
  const n = track.frames.length;
  if (n === 0 || !(t1 > t0)) return [];
  const first = Math.max(0, Math.floor(t0 * track.fps) - 1);
  const last = Math.min(n - 1, Math.ceil(t1 * track.fps) + 1);
  const count = last - first + 1;
  const out: Polyline = [];
  const nb = Math.max(1, Math.floor(buckets));
  if (count <= 2 * nb) {
    for (let i = first; i <= last; i++) out.push(track.frames[i]!.time, pick(track.frames[i]!));
    return out;
  }
  for (let b = 0; b < nb; b++) {
    const from = first + Math.floor((b * count) / nb);
    const to = first + Math.floor(((b + 1) * count) / nb) - 1;
    // One pick per frame: zoomed out, a view holds thousands of frames per curve and this runs on every scroll.
    let lo = from;
    let hi = from;
    let loV = pick(track.frames[from]!);
    let hiV = loV;
    for (let i = from + 1; i <= to; i++) {
      const v = pick(track.frames[i]!);
      if (v < loV) (lo = i), (loV = v);
      if (v > hiV) (hi = i), (hiV = v);
    }
    if (lo === hi) out.push(track.frames[lo]!.time, loV);
    else if (lo < hi) out.push(track.frames[lo]!.time, loV, track.frames[hi]!.time, hiV);
    else out.push(track.frames[hi]!.time, hiV, track.frames[lo]!.time, loV);
  }
  return out;
}

/** The curves the head and expression lanes draw. Smile and brows are the mean of both sides, in [0, 1]. */
export const HEAD_CURVES = {
  yaw: (f: MotionFrame) => f.head.yaw,
  pitch: (f: MotionFrame) => f.head.pitch,
  roll: (f: MotionFrame) => f.head.roll,
} as const;

export const EXPRESSION_CURVES = {
  smile: (f: MotionFrame) => ((f.blendshapes.mouthSmileLeft ?? 0) + (f.blendshapes.mouthSmileRight ?? 0)) / 2,
  brows: (f: MotionFrame) => Math.max(
    f.blendshapes.browInnerUp ?? 0,
    ((f.blendshapes.browOuterUpLeft ?? 0) + (f.blendshapes.browOuterUpRight ?? 0)) / 2,
  ),
} as const;

/**
 * Segments as drawn at a zoom. A segment narrower than `minWidth` seconds
 * (a few pixels) is joined with its neighbours into one unlabelled run until
 * the run is wide enough, so a zoomed-out ten-minute track draws a few
 * hundred runs instead of thousands of sub-pixel boxes, while segments that
 * are wide enough keep their own box and label.
 */
export function mergeForDrawing(segments: readonly Segment[], minWidth: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    const touching = last !== undefined && s.start - last.end < minWidth;
    if (touching && (last.end - last.start < minWidth || s.end - s.start < minWidth)) {
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    } else out.push(s);
  }
  return out;
}

/** The largest |value| of a channel over the whole track, at least `floor`: a lane's scale that does not jump while scrolling. */
export function peakOf(track: MotionTrack, pick: (f: MotionFrame) => number, floor: number): number {
  let peak = floor;
  for (const f of track.frames) peak = Math.max(peak, Math.abs(pick(f)));
  return peak;
}
