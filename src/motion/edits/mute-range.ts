/**
 * Muting motion over a range: the head (and, for 'all-but-lips', the brows,
 * the gaze and the body) eases to rest with the range's envelope, while the
 * mouth and the blinks keep going. "Rest" is where the track's own emotion
 * rests: a sad track's muted head still hangs a little.
 */
import type { BlendshapeName, HeadPose } from '../../contracts/motion.ts';
import type { EmotionParams } from '../styles.ts';
import type { FrameWriter } from './frame-writer.ts';
import { setGaze, setHead } from './head-and-gaze.ts';
import type { RangeEnvelope } from './range-envelope.ts';

export type MuteTarget = 'head' | 'all-but-lips';

const BROWS: BlendshapeName[] = ['browDownLeft', 'browDownRight', 'browInnerUp', 'browOuterUpLeft', 'browOuterUpRight'];

export function applyMute(frames: FrameWriter, range: RangeEnvelope, base: EmotionParams, what: MuteTarget): void {
  const lerp = (a: number, b: number, w: number) => a + (b - a) * w;
  for (let i = range.first; i <= range.last; i++) {
    const w = range.weight(frames.read(i).time);
    if (w <= 0) continue;
    const f = frames.write(i);
    const h = f.head;
    const head: HeadPose = {
      yaw: lerp(h.yaw, 0, w),
      pitch: lerp(h.pitch, base.headPitch, w),
      roll: lerp(h.roll, 0, w),
      x: lerp(h.x, 0, w),
      y: lerp(h.y, 0, w),
      z: lerp(h.z, 0, w),
    };
    setHead(f, head);
    if (what !== 'all-but-lips') continue;
    for (const name of BROWS) {
      const v = f.blendshapes[name];
      if (v !== undefined) f.blendshapes[name] = lerp(v, base.face[name] ?? 0, w);
    }
    setGaze(f, { x: lerp(f.gaze.x, 0, w), y: lerp(f.gaze.y, base.gazeY, w) });
    const b = f.body;
    b.breath = lerp(b.breath, 0, w);
    b.leanForward = lerp(b.leanForward, 0, w);
    b.leanSide = lerp(b.leanSide, 0, w);
    b.shoulderLeft = lerp(b.shoulderLeft, 0, w);
    b.shoulderRight = lerp(b.shoulderRight, 0, w);
    for (const joint of Object.keys(b.arms)) b.arms[joint] = lerp(b.arms[joint]!, 0, w);
  }
}
