/**
 * The chunk view's data: the motion track's chunk windows (markers of kind
 * 'chunk'), where neighbours overlap (the cross-fades), and which of them a
 * band showing a few seconds around the playhead needs. A ten-minute track
 * has about 300 chunks; a frame only looks at the handful it draws.
 */
import type { MotionTrack } from '../../contracts/motion.ts';

export interface ChunkWindow {
  /** 0-based order along the track. */
  index: number;
  /** Seconds. */
  start: number;
  end: number;
}

export interface Overlap {
  start: number;
  end: number;
  /** The earlier chunk fading out (index into the window list); the next one fades in. */
  from: number;
}

/** Chunk windows sorted by start. Marker labels are not trusted for order: the position along the track is the index. */
export function chunkWindows(track: MotionTrack): ChunkWindow[] {
  return track.markers
    .filter((m) => m.kind === 'chunk' && m.end > m.start)
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((m, index) => ({ index, start: m.start, end: m.end }));
}

/** Where each window overlaps the next: the stretch the synthesis cross-fades. */
export function chunkOverlaps(windows: readonly ChunkWindow[]): Overlap[] {
  const out: Overlap[] = [];
  for (let i = 0; i + 1 < windows.length; i++) {
    const a = windows[i]!, b = windows[i + 1]!;
    if (b.start < a.end) out.push({ start: b.start, end: Math.min(a.end, b.end), from: i });
  }
  return out;
}

/**
 * Index range [first, last) of the windows that meet [t0, t1]. Binary search
 * on the starts, then a short walk back over windows that started earlier but
 * reach in (at most the longest window's length).
 */
export function windowsIn(windows: readonly ChunkWindow[], t0: number, t1: number, longest = longestWindow(windows)): [number, number] {
  let lo = 0, hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (windows[mid]!.start < t0 - longest) lo = mid + 1;
    else hi = mid;
  }
  let first = lo;
  while (first < windows.length && windows[first]!.end < t0) first++;
  let last = first;
  while (last < windows.length && windows[last]!.start <= t1) last++;
  return [first, last];
}

export function longestWindow(windows: readonly ChunkWindow[]): number {
  let m = 0;
  for (const w of windows) m = Math.max(m, w.end - w.start);
  return m;
}

/** The window the playhead is in (the later one inside an overlap, which is taking over), or -1. */
export function currentWindow(windows: readonly ChunkWindow[], t: number): number {
  const [first, last] = windowsIn(windows, t, t);
  let found = -1;
  for (let i = first; i < last; i++) if (windows[i]!.start <= t && t < windows[i]!.end) found = i;
  return found;
}

/** Seconds shown by the band, and where the playhead sits in it (share from the left). */
export const BAND_SECONDS = 10;
export const PLAYHEAD_AT = 0.35;

/** The band's time range: the playhead at a fixed place, clamped so the start and end of the track are not wasted space. */
export function bandRange(t: number, duration: number, seconds = BAND_SECONDS): [number, number] {
  if (duration <= seconds) return [0, seconds];
  const t0 = Math.min(duration - seconds, Math.max(0, t - PLAYHEAD_AT * seconds));
  return [t0, t0 + seconds];
}
