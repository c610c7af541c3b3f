import { describe, expect, it } from 'vitest';
import { MOTION_TRACK_VERSION, neutralFrame, type MotionMarker, type MotionTrack } from '../../../src/contracts/motion.ts';
import { bandRange, chunkOverlaps, chunkWindows, currentWindow, longestWindow, windowsIn } from '../../../src/studio/explain/chunk-windows.ts';

/** A chunk every `step` seconds, each reaching `overlap` into the next, as synthesiseTrack records them. */
export function chunkMarkers(duration: number, step = 2, overlap = 0.5): MotionMarker[] {
  const out: MotionMarker[] = [];
  for (let i = 0; i * step < duration; i++) out.push({ kind: 'chunk', start: i * step, end: Math.min(duration, (i + 1) * step + overlap), label: `chunk ${i + 1}`, value: i });
  return out;
}

function track(markers: MotionMarker[], frames = 10): MotionTrack {
  return { version: MOTION_TRACK_VERSION, fps: 25, frameCount: frames, frames: Array.from({ length: frames }, (_, i) => neutralFrame(i / 25)), markers, source: {} };
}

describe('chunk windows', () => {
  it('keeps only chunk markers, in time order, numbered along the track', () => {
    const markers: MotionMarker[] = [
      { kind: 'chunk', start: 1.5, end: 3.5, label: '7' },
      { kind: 'viseme', start: 0, end: 0.1, label: 'AA' },
      { kind: 'chunk', start: 0, end: 2 },
      { kind: 'chunk', start: 2, end: 2 }, // empty: nothing to draw
    ];
    expect(chunkWindows(track(markers))).toEqual([
      { index: 0, start: 0, end: 2 },
      { index: 1, start: 1.5, end: 3.5 },
    ]);
  });

  it('finds the overlaps that are cross-faded, and none between chunks that only touch', () => {
    const w = chunkWindows(track(chunkMarkers(5)));
    expect(w.map((x) => [x.start, x.end])).toEqual([[0, 2.5], [2, 4.5], [4, 5]]);
    expect(chunkOverlaps(w)).toEqual([
      { start: 2, end: 2.5, from: 0 },
      { start: 4, end: 4.5, from: 1 },
    ]);
    expect(chunkOverlaps(chunkWindows(track(chunkMarkers(6, 2, 0))))).toEqual([]);
  });

  it('looks up the windows in view on a 10-minute track exactly as a full scan would', () => {
    const w = chunkWindows(track(chunkMarkers(600)));
    expect(w.length).toBe(300);
    const longest = longestWindow(w);
    for (const [t0, t1] of [[0, 10], [123.4, 133.4], [590, 600], [2.1, 2.2], [599.9, 610], [-5, -1]] as const) {
      const [first, last] = windowsIn(w, t0, t1, longest);
      const brute = w.filter((x) => x.end >= t0 && x.start <= t1).map((x) => x.index);
      expect(w.slice(first, last).map((x) => x.index)).toEqual(brute);
    }
  });

  it('puts the playhead in the chunk that is taking over inside an overlap', () => {
    const w = chunkWindows(track(chunkMarkers(10)));
    expect(currentWindow(w, 0.2)).toBe(0);
    expect(currentWindow(w, 1.9)).toBe(0);
    expect(currentWindow(w, 2.2)).toBe(1);
    expect(currentWindow(w, 20)).toBe(-1);
  });

  it('keeps the band inside the track and the playhead at a fixed place in between', () => {
    expect(bandRange(1, 4)).toEqual([0, 10]);
    expect(bandRange(1, 600)).toEqual([0, 10]);
    expect(bandRange(100, 600)).toEqual([96.5, 106.5]);
    expect(bandRange(599, 600)).toEqual([590, 600]);
  });
});
