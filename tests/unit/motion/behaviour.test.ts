/**
 * Everything but the mouth: blinks, head, gaze, breathing, brows, styles,
 * emotions and seeds, on a 60 s clip of real and festival speech.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotionTrack } from '../../../src/contracts/motion.ts';
import { fft } from '../../../src/motion/fft.ts';
import { FESTIVAL_FIXTURES, concat, loadAudio, trackOf } from './helpers.ts';

const FPS = 25;
let minute: MotionTrack;

beforeAll(async () => {
  const clips = [loadAudio('librivox-austen'), ...FESTIVAL_FIXTURES.map(loadAudio)];
  minute = await trackOf(concat(clips, 0.4, 60), { fps: FPS, seed: 7 });
});

/** Fraction of a signal's energy (mean removed) above `hz`. */
function energyAbove(x: number[], fps: number, hz: number): number {
  const n = 1 << Math.ceil(Math.log2(x.length));
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  x.forEach((v, i) => (re[i] = v - mean));
  fft(re, im);
  let total = 0;
  let high = 0;
  for (let k = 1; k <= n / 2; k++) {
    const p = re[k]! * re[k]! + im[k]! * im[k]!;
    total += p;
    if ((k * fps) / n > hz) high += p;
  }
  return high / total;
}

describe('blinks, head, gaze and breathing on a 60 s clip', () => {
  it('blinks 12–24 times a minute', () => {
    expect(minute.frameCount).toBe(1500);
    const blinks = minute.markers.filter((m) => m.kind === 'blink');
    expect(blinks.length).toBeGreaterThanOrEqual(12);
    expect(blinks.length).toBeLessThanOrEqual(24);
    // The lids really close for each blink marker.
    for (const b of blinks.slice(0, -1)) {
      const i = Math.round((b.start + 0.11) * FPS);
      expect(minute.frames[i]!.blendshapes.eyeBlinkLeft).toBeGreaterThan(0.5);
    }
  });

  it('blinks at pause boundaries more than chance', () => {
    const speech = minute.markers.filter((m) => m.kind === 'speech');
    const blinks = minute.markers.filter((m) => m.kind === 'blink');
    const nearEnd = blinks.filter((b) => speech.some((s) => b.start >= s.end - 0.05 && b.start < s.end + 0.3)).length;
    // 0.35 s windows after each speech end cover a small share of the minute; blinks land there far more often.
    const share = (speech.length * 0.35) / 60;
    expect(nearEnd / blinks.length).toBeGreaterThan(2 * share);
  });

  it('keeps the head within natural bounds and moving', () => {
    for (const f of minute.frames) {
      expect(Math.abs(f.head.yaw)).toBeLessThan(0.35);
      expect(Math.abs(f.head.pitch)).toBeLessThan(0.25);
      expect(Math.abs(f.head.roll)).toBeLessThan(0.25);
    }
    // Never frozen: in every 2 s window the head moves.
    for (let i = 0; i + 50 <= minute.frameCount; i += 50) {
      const yaw = minute.frames.slice(i, i + 50).map((f) => f.head.yaw);
      expect(Math.max(...yaw) - Math.min(...yaw)).toBeGreaterThan(0.002);
    }
  });

  it('has no head motion energy above 8 Hz', () => {
    for (const axis of ['yaw', 'pitch', 'roll'] as const) {
      expect(energyAbove(minute.frames.map((f) => f.head[axis]), FPS, 8), axis).toBeLessThan(1e-3);
    }
  });

  it('nods on beats: head pitch velocity peaks follow beat markers', () => {
    const beats = minute.markers.filter((m) => m.kind === 'beat');
    expect(beats.length / 60).toBeGreaterThan(0.5); // stressed syllables: more than one every 2 s
    expect(beats.length / 60).toBeLessThan(4);
    // Averaged over beats, the head pitches down (positive) in the 400 ms after a beat.
    let rise = 0;
    for (const b of beats) {
      const i = Math.round(b.start * FPS);
      const j = Math.min(minute.frameCount - 1, i + 10);
      rise += minute.frames[j]!.head.pitch - minute.frames[i]!.head.pitch;
    }
    expect(rise / beats.length).toBeGreaterThan(0);
  });

  it('moves the eyes, breathes and raises the brows', () => {
    const range = (get: (f: MotionTrack['frames'][number]) => number) => {
      const v = minute.frames.map(get);
      return Math.max(...v) - Math.min(...v);
    };
    expect(range((f) => f.gaze.x)).toBeGreaterThan(0.05);
    expect(range((f) => f.body.breath)).toBeGreaterThan(0.3);
    expect(range((f) => f.blendshapes.browInnerUp ?? 0)).toBeGreaterThan(0.05);
  });
});

describe('styles, emotions and seeds', () => {
  const audio = () => loadAudio('mama-pie');
  const rms = (t: MotionTrack, get: (f: MotionTrack['frames'][number]) => number) =>
    Math.sqrt(t.frames.reduce((a, f) => a + get(f) ** 2, 0) / t.frameCount);

  it('is deterministic for a seed and different across seeds', async () => {
    const a = await trackOf(audio(), { seed: 3 });
    const b = await trackOf(audio(), { seed: 3 });
    const c = await trackOf(audio(), { seed: 4 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.frames.some((f, i) => f.head.yaw !== c.frames[i]!.head.yaw)).toBe(true);
    // The seed changes the life around the mouth, not the lip sync.
    expect(a.frames.map((f) => f.blendshapes.jawOpen)).toEqual(c.frames.map((f) => f.blendshapes.jawOpen));
  });

  it('moves the head more when expressive than when calm', async () => {
    const calm = await trackOf(audio(), { style: 'calm' });
    const expressive = await trackOf(audio(), { style: 'expressive' });
    const motion = (t: MotionTrack) => rms(t, (f) => f.head.pitch - t.frames[0]!.head.pitch) + rms(t, (f) => f.head.yaw);
    expect(motion(expressive)).toBeGreaterThan(motion(calm));
  });

  it('shifts the resting face with the emotion', async () => {
    const happy = await trackOf(audio(), { emotion: 'happy', intensity: 1 });
    const sad = await trackOf(audio(), { emotion: 'sad', intensity: 1 });
    const neutral = await trackOf(audio(), { emotion: 'neutral' });
    expect(rms(happy, (f) => f.blendshapes.mouthSmileLeft ?? 0)).toBeGreaterThan(0.3);
    expect(rms(neutral, (f) => f.blendshapes.mouthSmileLeft ?? 0)).toBe(0);
    expect(rms(sad, (f) => f.blendshapes.mouthFrownLeft ?? 0)).toBeGreaterThan(0.2);
    const meanPitch = (t: MotionTrack) => t.frames.reduce((a, f) => a + f.head.pitch, 0) / t.frameCount;
    expect(meanPitch(sad)).toBeGreaterThan(meanPitch(happy) + 0.05); // sad looks down
  });
});
