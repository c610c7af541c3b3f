/**
 * Timeline edits on a real synthesised track (10.4 s of LibriVox speech):
 * moved blinks, emotion ranges and muted ranges, checked for smoothness,
 * for leaving the rest of the track alone, and for determinism.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BlendshapeName, MotionFrame, MotionTrack } from '../../../src/contracts/motion.ts';
import { applyEdits, EDIT_RAMP_SECONDS, type TrackEdit } from '../../../src/motion/track-edits.ts';
import { loadAudio, trackOf } from './helpers.ts';

const FPS = 25;
let track: MotionTrack;
let snapshot: string;

beforeAll(async () => {
  track = await trackOf(loadAudio('librivox-austen'), { fps: FPS, seed: 3 });
  snapshot = JSON.stringify(track);
});

const bs = (f: MotionFrame, name: BlendshapeName) => f.blendshapes[name] ?? 0;
const blinks = (t: MotionTrack) => t.markers.filter((m) => m.kind === 'blink').sort((a, b) => a.start - b.start);
const frameAt = (t: number) => Math.round(t * FPS);

function maxStep(t: MotionTrack, get: (f: MotionFrame) => number): number {
  let worst = 0;
  for (let i = 1; i < t.frames.length; i++) worst = Math.max(worst, Math.abs(get(t.frames[i]!) - get(t.frames[i - 1]!)));
  return worst;
}

function argmax(t: MotionTrack, from: number, to: number, get: (f: MotionFrame) => number): number {
  let best = from;
  for (let i = from; i <= to; i++) if (get(t.frames[i]!) > get(t.frames[best]!)) best = i;
  return best;
}

/** A blink far enough from the others that moving it 1 s later lands on open lids. */
function loneBlink(t: MotionTrack) {
  const all = blinks(t);
  const duration = t.frameCount / FPS;
  const lone = all.find((b) => b.start > 0.5 && b.end + 1.5 < duration && all.every((o) => o === b || o.start > b.end + 1.5 || o.end < b.start - 0.3));
  if (!lone) throw new Error('fixture has no isolated blink');
  return lone;
}

function assertInUnitRange(t: MotionTrack): void {
  for (const f of t.frames) for (const w of Object.values(f.blendshapes)) expect(w! >= 0 && w! <= 1).toBe(true);
}

describe('moveBlink', () => {
  it('moves the blink peak to the new time and leaves the old window open', () => {
    const b = loneBlink(track);
    const shift = 1; // a whole number of frames, as the timeline snaps drags
    const edited = applyEdits(track, [{ kind: 'moveBlink', id: 'm', from: b.start, to: b.start + shift }]);
    const oldPeak = argmax(track, frameAt(b.start), frameAt(b.end), (f) => bs(f, 'eyeBlinkLeft'));
    expect(bs(track.frames[oldPeak]!, 'eyeBlinkLeft')).toBeGreaterThan(0.9);

    const newPeak = argmax(edited, frameAt(b.start + shift), frameAt(b.end + shift), (f) => bs(f, 'eyeBlinkLeft'));
    expect(newPeak).toBe(oldPeak + shift * FPS);
    expect(bs(edited.frames[newPeak]!, 'eyeBlinkLeft')).toBeCloseTo(bs(track.frames[oldPeak]!, 'eyeBlinkLeft'), 12);
    expect(bs(edited.frames[newPeak]!, 'eyeBlinkRight')).toBeCloseTo(bs(track.frames[oldPeak]!, 'eyeBlinkRight'), 12);

    // The old window is back at the open level: the same as the frames just around it, not a second blink.
    const open = bs(track.frames[frameAt(b.start) - 1]!, 'eyeBlinkLeft');
    for (let i = frameAt(b.start); i <= frameAt(b.end) + 1; i++) {
      expect(bs(edited.frames[i]!, 'eyeBlinkLeft')).toBeCloseTo(open, 9);
      expect(bs(edited.frames[i]!, 'eyeBlinkRight')).toBeCloseTo(open, 9);
    }
    // The marker moved with it, and no other blink marker changed.
    expect(blinks(edited).map((m) => m.start)).toEqual(blinks(track).map((m) => (m === b ? b.start + shift : m.start)).sort((x, y) => x - y));
  });

  it('makes no frame-to-frame jump larger than a natural blink has, even for a shift of a fraction of a frame', () => {
    const natural = maxStep(track, (f) => bs(f, 'eyeBlinkLeft'));
    expect(natural).toBeGreaterThan(0.3); // a blink closes in 90 ms: a large step at 25 fps is normal
    const b = loneBlink(track);
    for (const shift of [1, -0.31, 0.57, 0.013]) {
      const edited = applyEdits(track, [{ kind: 'moveBlink', id: 'm', from: b.start, to: b.start + shift }]);
      expect(maxStep(edited, (f) => bs(f, 'eyeBlinkLeft'))).toBeLessThanOrEqual(natural + 1e-9);
      // Still exactly as many closed-lid episodes as blinks: nothing left behind.
      expect(closures(edited)).toBe(closures(track));
    }
  });

  it('clamps a blink moved past either end of the track and ignores a blink that is not there', () => {
    const b = loneBlink(track);
    const late = applyEdits(track, [{ kind: 'moveBlink', id: 'm', from: b.start, to: 999 }]);
    const moved = blinks(late).find((m) => Math.abs(m.end - (track.frameCount - 1) / FPS) < 1e-9);
    expect(moved).toBeDefined();
    const early = applyEdits(track, [{ kind: 'moveBlink', id: 'm', from: b.start, to: -5 }]);
    expect(blinks(early).some((m) => m.start === 0)).toBe(true);
    // The lid starts closing at 0, not already shut (the blink's own frames sit between frames, hence not exactly 0).
    expect(bs(early.frames[0]!, 'eyeBlinkLeft')).toBeLessThan(0.1);
    assertInUnitRange(late);
    assertInUnitRange(early);

    const none = applyEdits(track, [{ kind: 'moveBlink', id: 'x', from: b.start + 0.2, to: 3 }]);
    expect(JSON.stringify(none)).toBe(snapshot);
  });
});

/** Rising crossings of a half-closed lid on the left eye. */
function closures(t: MotionTrack): number {
  let n = 0;
  for (let i = 1; i < t.frames.length; i++) if (bs(t.frames[i]!, 'eyeBlinkLeft') >= 0.5 && bs(t.frames[i - 1]!, 'eyeBlinkLeft') < 0.5) n++;
  return n;
}

describe('emotion over a range', () => {
  const happy: TrackEdit = { kind: 'emotion', id: 'e', start: 2, end: 4, emotion: 'happy', intensity: 1 };

  it('raises the smile inside and leaves frames outside the range bit-identical', () => {
    const edited = applyEdits(track, [happy]);
    for (let i = 0; i < track.frames.length; i++) {
      const t = i / FPS;
      const a = track.frames[i]!;
      const b = edited.frames[i]!;
      if (t <= 2 || t >= 4) expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      else if (t >= 2 + EDIT_RAMP_SECONDS && t <= 4 - EDIT_RAMP_SECONDS) {
        expect(bs(b, 'mouthSmileLeft') - bs(a, 'mouthSmileLeft')).toBeCloseTo(0.4, 9);
        expect(bs(b, 'cheekSquintRight')).toBeGreaterThan(0.15);
      }
    }
    // The mouth still speaks: jawOpen is untouched by a happy face.
    expect(edited.frames.map((f) => bs(f, 'jawOpen'))).toEqual(track.frames.map((f) => bs(f, 'jawOpen')));
  });

  it('ramps in and out smoothly', () => {
    const edited = applyEdits(track, [happy]);
    const smile = (f: MotionFrame) => bs(f, 'mouthSmileLeft');
    // 0.4 over a 0.25 s smootherstep ramp peaks at 1.875 × 0.4 / 6.25 frames ≈ 0.12 per frame.
    expect(maxStep(edited, smile)).toBeLessThan(0.13);
    const yawStep = maxStep(track, (f) => f.head.yaw);
    expect(maxStep(edited, (f) => f.head.yaw)).toBeLessThan(yawStep * 1.2 + 1e-6);
  });

  it('replaces the track\'s own emotion rather than adding to it', async () => {
    const sad = await trackOf(loadAudio('mama-pie'), { fps: FPS, seed: 3, emotion: 'sad', intensity: 1 });
    const edited = applyEdits(sad, [{ kind: 'emotion', id: 'n', start: 0, end: 3, emotion: 'neutral', intensity: 1 }]);
    const i = frameAt(1.5);
    expect(bs(sad.frames[i]!, 'mouthFrownLeft')).toBeCloseTo(0.3, 6);
    expect(bs(edited.frames[i]!, 'mouthFrownLeft')).toBeCloseTo(0, 6);
    assertInUnitRange(edited);
  });
});

describe('mute over a range', () => {
  it('stills the head inside the range and keeps the mouth and the blinks', () => {
    const edited = applyEdits(track, [{ kind: 'mute', id: 'h', start: 3, end: 7, what: 'head' }]);
    for (let i = 0; i < track.frames.length; i++) {
      const t = i / FPS;
      const f = edited.frames[i]!;
      if (t >= 3 + EDIT_RAMP_SECONDS && t <= 7 - EDIT_RAMP_SECONDS) {
        expect([f.head.yaw, f.head.pitch, f.head.roll, f.head.x, f.head.y, f.head.z]).toEqual([0, 0, 0, 0, 0, 0]);
      }
      if (t <= 3 || t >= 7) expect(f).toBe(track.frames[i]); // shared, untouched
      expect(bs(f, 'jawOpen')).toBe(bs(track.frames[i]!, 'jawOpen'));
      expect(bs(f, 'eyeBlinkLeft')).toBe(bs(track.frames[i]!, 'eyeBlinkLeft'));
    }
    // Head motion inside the original range was real, so the mute did something.
    expect(Math.max(...track.frames.slice(frameAt(3.5), frameAt(6.5)).map((f) => Math.abs(f.head.yaw)))).toBeGreaterThan(0.005);
    // The ramp adds at most its own slope: smootherstep's peak slope is 1.875 per ramp length.
    const peakYaw = Math.max(...track.frames.map((f) => Math.abs(f.head.yaw)));
    const rampStep = (peakYaw * 1.875) / (EDIT_RAMP_SECONDS * FPS);
    expect(maxStep(edited, (f) => f.head.yaw)).toBeLessThanOrEqual(maxStep(track, (f) => f.head.yaw) + rampStep);
  });

  it('all-but-lips also rests the brows, the gaze and the body', () => {
    const edited = applyEdits(track, [{ kind: 'mute', id: 'a', start: 1, end: 9, what: 'all-but-lips' }]);
    const inside = edited.frames.slice(frameAt(1.3), frameAt(8.7));
    for (const f of inside) {
      expect(bs(f, 'browInnerUp')).toBe(0);
      expect(f.gaze).toEqual({ x: 0, y: 0 });
      expect(bs(f, 'eyeLookOutLeft') + bs(f, 'eyeLookInLeft') + bs(f, 'eyeLookUpLeft') + bs(f, 'eyeLookDownLeft')).toBe(0);
      expect(f.body.breath).toBe(0);
    }
    expect(edited.frames.map((f) => bs(f, 'jawOpen'))).toEqual(track.frames.map((f) => bs(f, 'jawOpen')));
    expect(edited.frames.map((f) => bs(f, 'mouthClose'))).toEqual(track.frames.map((f) => bs(f, 'mouthClose')));
    assertInUnitRange(edited);
  });
});

describe('applyEdits as a whole', () => {
  it('never changes the source track and is deterministic', () => {
    const b = loneBlink(track);
    const edits: TrackEdit[] = [
      { kind: 'emotion', id: '1', start: 1, end: 6, emotion: 'surprised', intensity: 0.8 },
      { kind: 'moveBlink', id: '2', from: b.start, to: b.start + 0.37 },
      { kind: 'mute', id: '3', start: 4, end: 8, what: 'all-but-lips' },
    ];
    const a = applyEdits(track, edits);
    const again = applyEdits(track, edits);
    expect(JSON.stringify(track)).toBe(snapshot);
    expect(JSON.stringify(a)).toBe(JSON.stringify(again));
    expect(JSON.stringify(a)).not.toBe(snapshot);
    assertInUnitRange(a);
  });

  it('applies overlapping edits in order: the later one wins where they overlap', () => {
    const happyThenMute = applyEdits(track, [
      { kind: 'emotion', id: '1', start: 2, end: 6, emotion: 'happy', intensity: 1 },
      { kind: 'mute', id: '2', start: 4, end: 8, what: 'head' },
    ]);
    const muteThenHappy = applyEdits(track, [
      { kind: 'mute', id: '2', start: 4, end: 8, what: 'head' },
      { kind: 'emotion', id: '1', start: 2, end: 6, emotion: 'happy', intensity: 1 },
    ]);
    const i = frameAt(5);
    expect(happyThenMute.frames[i]!.head.pitch).toBe(0);
    // Muted first, the happy head then lifts its chin from rest.
    expect(muteThenHappy.frames[i]!.head.pitch).toBeCloseTo(-0.03, 9);
    // Both keep the smile from the emotion edit.
    expect(bs(happyThenMute.frames[i]!, 'mouthSmileLeft')).toBe(bs(muteThenHappy.frames[i]!, 'mouthSmileLeft'));
  });

  it('clamps ranges to the track and ignores empty or reversed-to-nothing ones', () => {
    const duration = (track.frameCount - 1) / FPS;
    const clamped = applyEdits(track, [{ kind: 'emotion', id: 'c', start: duration - 1, end: duration + 50, emotion: 'happy', intensity: 1 }]);
    expect(bs(clamped.frames[frameAt(duration - 0.5)]!, 'mouthSmileLeft')).toBeGreaterThan(0.3);
    const reversed = applyEdits(track, [{ kind: 'emotion', id: 'r', start: 4, end: 2, emotion: 'happy', intensity: 1 }]);
    expect(bs(reversed.frames[frameAt(3)]!, 'mouthSmileLeft')).toBeGreaterThan(0.3);
    const nothing = applyEdits(track, [
      { kind: 'mute', id: 'o', start: duration + 1, end: duration + 5, what: 'head' },
      { kind: 'mute', id: 'z', start: 2, end: 2, what: 'head' },
      { kind: 'emotion', id: 'n', start: Number.NaN, end: 3, emotion: 'sad', intensity: 1 },
    ]);
    expect(JSON.stringify(nothing)).toBe(snapshot);
  });
});
