/**
 * An emotion over a range of time. Inside the range the face rests on the
 * edit's emotion instead of the track's own: the difference between the two
 * resting faces is blended in with the range's eased envelope, and so are the
 * emotion's head tendencies (resting pitch, gaze height, and how much the
 * head moves, as a multiplier on its excursions around the resting pitch).
 *
 * Blink rate is an emotion tendency too, but blinks are events in the track;
 * adding or removing them is left to re-synthesis.
 */
import type { BlendshapeName, HeadPose } from '../../contracts/motion.ts';
import { clamp01 } from '../expression.ts';
import { emotionParams, type EmotionName, type EmotionParams } from '../styles.ts';
import type { FrameWriter } from './frame-writer.ts';
import { setGaze, setHead } from './head-and-gaze.ts';
import type { RangeEnvelope } from './range-envelope.ts';

// The engine opens wide eyes only as far as the lid is open; an added eyeWide follows the same rule.
const LID_OF: Partial<Record<BlendshapeName, BlendshapeName>> = { eyeWideLeft: 'eyeBlinkLeft', eyeWideRight: 'eyeBlinkRight' };

export function applyEmotion(frames: FrameWriter, range: RangeEnvelope, base: EmotionParams, emotion: EmotionName, intensity: number): void {
  const target = emotionParams(emotion, Number.isFinite(intensity) ? intensity : 1);
  const names = new Set([...Object.keys(base.face), ...Object.keys(target.face)] as BlendshapeName[]);
  const faceDelta: Array<[BlendshapeName, number]> = [];
  for (const name of names) {
    const d = (target.face[name] ?? 0) - (base.face[name] ?? 0);
    if (d !== 0) faceDelta.push([name, d]);
  }
  const motionRatio = target.motion / base.motion;
  const pitchShift = target.headPitch - base.headPitch;
  const gazeShift = target.gazeY - base.gazeY;

  for (let i = range.first; i <= range.last; i++) {
    const w = range.weight(frames.read(i).time);
    if (w <= 0) continue;
    const f = frames.write(i);
    for (const [name, d] of faceDelta) {
      const lid = LID_OF[name];
      const open = lid ? 1 - (f.blendshapes[lid] ?? 0) : 1;
      f.blendshapes[name] = clamp01((f.blendshapes[name] ?? 0) + w * d * open);
    }
    const m = 1 + w * (motionRatio - 1);
    const h = f.head;
    const head: HeadPose = {
      yaw: h.yaw * m,
      pitch: base.headPitch + (h.pitch - base.headPitch) * m + w * pitchShift,
      roll: h.roll * m,
      // The engine's translation follows the rotation (the neck), so it scales with it.
      x: h.x * m,
      y: h.y * m,
      z: h.z * m,
    };
    setHead(f, head);
    if (gazeShift !== 0) setGaze(f, { x: f.gaze.x, y: f.gaze.y + w * gazeShift });
  }
}
