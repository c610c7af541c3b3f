/** What the timeline draws and what its gestures do to the edit list, on a real synthesised track. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotionTrack } from '../../../../src/contracts/motion.ts';
import { applyEdits, type TrackEdit } from '../../../../src/motion/track-edits.ts';
import { describeEdit, idleEdits, moveBlinkEdit, nextEditId, rangeEdit, removeEdit, undoLast } from '../../../../src/studio/timeline/timeline-edits.ts';
import { editBands } from '../../../../src/studio/timeline/timeline-bands.ts';
import { contrast, CURVE_COLOURS, EMOTION_COLOURS, MUTE_COLOUR, PANEL } from '../../../../src/studio/timeline/timeline-colours.ts';
import { curveInView, EXPRESSION_CURVES, HEAD_CURVES, inView, mergeForDrawing, peakOf, timelineLanes, trackDuration } from '../../../../src/studio/timeline/timeline-lanes.ts';
import { fitZoom, formatTime, rulerStep, rulerTicks } from '../../../../src/studio/timeline/timeline-scale.ts';
import { loadAudio, trackOf } from '../helpers.ts';

let track: MotionTrack;

beforeAll(async () => {
  track = await trackOf(loadAudio('librivox-austen'), { fps: 25, seed: 3 });
});

/** A long track made by repeating the real one, as a 10-minute recording would be (15 000 frames). */
function repeated(t: MotionTrack, seconds: number): MotionTrack {
  const frames = [];
  const period = t.frameCount / t.fps;
  for (let i = 0; i < seconds * t.fps; i++) frames.push({ ...t.frames[i % t.frameCount]!, time: i / t.fps });
  const markers = [];
  for (let k = 0; k * period < seconds; k++) for (const m of t.markers) markers.push({ ...m, start: m.start + k * period, end: m.end + k * period });
  return { ...t, frames, frameCount: frames.length, markers };
}

describe('timelineLanes', () => {
  it('sorts the markers into lanes in time order, with viseme labels', () => {
    const lanes = timelineLanes(track);
    expect(lanes.duration).toBeCloseTo((track.frameCount - 1) / 25, 9);
    const count = (k: string) => track.markers.filter((m) => m.kind === k).length;
    expect(lanes.speech.length).toBe(count('speech'));
    expect(lanes.visemes.length).toBe(count('viseme'));
    expect(lanes.blinks.length).toBe(count('blink'));
    expect(lanes.speech.length).toBeGreaterThan(1);
    expect(lanes.blinks.length).toBeGreaterThan(1);
    for (const lane of [lanes.speech, lanes.visemes, lanes.blinks]) {
      for (let i = 1; i < lane.length; i++) expect(lane[i]!.start).toBeGreaterThanOrEqual(lane[i - 1]!.start);
    }
    expect(lanes.visemes.every((v) => typeof v.label === 'string' && v.label !== 'sil')).toBe(true);
  });

  it('follows a moved blink', () => {
    const b = timelineLanes(track).blinks[1]!;
    const edited = applyEdits(track, [{ kind: 'moveBlink', id: 'e1', from: b.start, to: b.start + 0.4 }]);
    expect(timelineLanes(edited).blinks.map((x) => x.start)).toContain(b.start + 0.4);
  });

  it('finds what overlaps the view, including a segment that starts before it', () => {
    const { visemes } = timelineLanes(track);
    const mid = visemes[Math.floor(visemes.length / 2)]!;
    const t0 = (mid.start + mid.end) / 2;
    const seen = inView(visemes, t0, t0 + 1);
    expect(seen[0]).toBe(mid);
    expect(seen).toEqual(visemes.filter((v) => v.end >= t0 && v.start <= t0 + 1));
    expect(inView(visemes, 100, 200)).toEqual([]);
  });

  it('chunk markers become boundary ticks, the first chunk excepted', () => {
    // Whatever chunk markers synthesis put in are replaced by known ones, with an empty last chunk at the very end.
    const end = (track.frameCount - 1) / 25;
    const chunks = [0, 2, 4, end].map((s, i) => ({ kind: 'chunk' as const, start: s, end: Math.min(end, s + 2.2), label: String(i) }));
    const withChunks = { ...track, markers: [...track.markers.filter((m) => m.kind !== 'chunk'), ...chunks] };
    expect(timelineLanes(withChunks).chunks.map((c) => c.time)).toEqual([2, 4]);
  });
});

describe('drawing at a zoom', () => {
  it('keeps wide segments apart and labelled, and joins sub-pixel ones into runs', () => {
    const { visemes } = timelineLanes(track);
    // Zoomed in (a 3 px minimum is 0.01 s): every viseme keeps its box.
    expect(mergeForDrawing(visemes, 0.01)).toEqual(visemes);
    // A 10-minute track fitted to 1000 px: 3 px is 1.8 s, so a clip's visemes become a handful of runs.
    const runs = mergeForDrawing(visemes, 1.8);
    expect(runs.length).toBeLessThan(visemes.length / 5);
    expect(runs.every((r) => r.end - r.start >= 1.8 || r.label !== undefined)).toBe(true);
    const covered = (segs: typeof visemes, t: number) => segs.some((v) => v.start <= t && t <= v.end);
    for (const v of visemes) expect(covered(runs, (v.start + v.end) / 2)).toBe(true);
  });

  it('scales lanes to the track\'s own peak, with a floor', () => {
    const yawPeak = Math.max(...track.frames.map((f) => Math.abs(f.head.yaw)));
    expect(peakOf(track, HEAD_CURVES.yaw, 0)).toBe(yawPeak);
    expect(peakOf(track, HEAD_CURVES.yaw, 5)).toBe(5);
  });

  it('shows range edits as bands: emotions on the expression lane, muting on the head lane', () => {
    const bands = editBands([
      { kind: 'emotion', id: 'e1', start: 1, end: 2, emotion: 'sad', intensity: 0.5 },
      { kind: 'mute', id: 'e2', start: 3, end: 4, what: 'all-but-lips' },
      { kind: 'moveBlink', id: 'e3', from: 1, to: 2 },
    ]);
    expect(bands.expression.map((b) => b.label)).toEqual(['Sad 50%', 'Brows & gaze muted']);
    expect(bands.head).toEqual([{ start: 3, end: 4, colour: MUTE_COLOUR, hatched: true, label: 'Muted' }]);
  });

  it('every colour used for text reads at 4.5:1 or better on the panel', () => {
    for (const c of [...Object.values(EMOTION_COLOURS), ...Object.values(CURVE_COLOURS), MUTE_COLOUR]) expect(contrast(c, PANEL)).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#9aa6bf', PANEL)).toBeGreaterThanOrEqual(4.5); // the theme's --muted, used for lane labels
    expect(contrast('#2e3850', PANEL)).toBeLessThan(4.5); // the check can fail: the theme's --line is a border colour, not a text colour
  });
});

describe('curveInView', () => {
  it('gives every frame when zoomed in', () => {
    const line = curveInView(track, HEAD_CURVES.yaw, 2, 3, 500);
    expect(line.length / 2).toBe(25 + 1 + 2); // 2.00 … 3.00 s, plus one frame either side
    expect(line[0]).toBeCloseTo(1.96, 9);
    expect(line[1]).toBe(track.frames[49]!.head.yaw);
  });

  it('keeps every peak of a 10-minute track in about two points per bucket, quickly', () => {
    const long = repeated(track, 600);
    expect(long.frameCount).toBe(15000);
    const began = performance.now();
    const line = curveInView(long, EXPRESSION_CURVES.brows, 0, trackDuration(long), 600);
    const ms = performance.now() - began;
    expect(line.length / 2).toBeLessThanOrEqual(1200);
    const values = line.filter((_, i) => i % 2 === 1);
    const all = long.frames.map(EXPRESSION_CURVES.brows);
    expect(Math.max(...values)).toBe(Math.max(...all));
    expect(Math.min(...values)).toBe(Math.min(...all));
    for (let i = 2; i < line.length; i += 2) expect(line[i]!).toBeGreaterThan(line[i - 2]!);
    // Generous for a shared 2-core machine; it is ~2 ms on a laptop. Redrawn on every scroll, so it must stay far under a frame.
    expect(ms).toBeLessThan(50);
  });
});

describe('ruler', () => {
  it('picks readable steps and whole-multiple ticks', () => {
    expect(rulerStep(400)).toBe(0.2);
    expect(rulerStep(100)).toBe(1);
    expect(rulerStep(1)).toBe(120);
    expect(rulerTicks(0.95, 3.1, 1)).toEqual([1, 2, 3]);
    expect(rulerTicks(0, 0.5, 0.2)).toEqual([0, 0.2, 0.4]);
    expect(fitZoom(10, 1000)).toBe(100);
    expect(fitZoom(3600, 100)).toBe(0.5);
    expect(formatTime(65.25)).toBe('1:05.3');
    expect(formatTime(4)).toBe('4.0 s');
    expect(formatTime(599.96)).toBe('10:00.0'); // not 9:60.0
  });
});

describe('edit list gestures', () => {
  it('dragging one blink twice leaves one edit, and dragging it home removes it', () => {
    const first = moveBlinkEdit([], 3, 3.4);
    expect(first).toEqual([{ kind: 'moveBlink', id: 'e1', from: 3, to: 3.4 }]);
    const again = moveBlinkEdit(first, 3.4, 3.8);
    expect(again).toEqual([{ kind: 'moveBlink', id: 'e1', from: 3, to: 3.8 }]);
    expect(moveBlinkEdit(again, 3.8, 3)).toEqual([]);
    expect(moveBlinkEdit([], 3, 3)).toEqual([]);
  });

  it('flags edits that do nothing on this take: a blink that is not there, a range past the end', () => {
    const blink = timelineLanes(track).blinks[0]!;
    const edits: TrackEdit[] = [
      { kind: 'moveBlink', id: 'e1', from: blink.start, to: blink.start + 1 },
      { kind: 'moveBlink', id: 'e2', from: blink.start + 0.5, to: 1 },
      { kind: 'emotion', id: 'e3', start: 2, end: 3, emotion: 'sad', intensity: 1 },
      { kind: 'mute', id: 'e4', start: 20, end: 30, what: 'head' },
    ];
    expect([...idleEdits(track, edits)]).toEqual(['e2', 'e4']);
  });

  it('range edits are appended in order with fresh ids, removable and undoable', () => {
    let edits: TrackEdit[] = rangeEdit([], 4, 2, { kind: 'emotion', emotion: 'happy', intensity: 1.4 });
    edits = rangeEdit(edits, 1, 3, { kind: 'mute', what: 'head' });
    expect(edits).toEqual([
      { kind: 'emotion', id: 'e1', start: 2, end: 4, emotion: 'happy', intensity: 1 },
      { kind: 'mute', id: 'e2', start: 1, end: 3, what: 'head' },
    ]);
    expect(nextEditId([...edits, { kind: 'mute', id: 'e9', start: 0, end: 1, what: 'head' }])).toBe('e10');
    expect(removeEdit(edits, 'e1').map((e) => e.id)).toEqual(['e2']);
    expect(undoLast(edits).map((e) => e.id)).toEqual(['e1']);
    expect(edits.map(describeEdit)).toEqual(['Happy 100%, 2.0 s – 4.0 s', 'Head muted, 1.0 s – 3.0 s']);
  });
});
