/**
 * Copy-on-write access to a track's frames. An edit touches a few seconds of
 * a track that may be ten minutes long, and edits are re-applied on every
 * change in the studio, so untouched frames are shared with the source track
 * (never mutated) and only touched frames are cloned, once per applyEdits.
 */
import type { MotionFrame } from '../../contracts/motion.ts';

export class FrameWriter {
  readonly frames: MotionFrame[];
  private readonly owned: Uint8Array;

  constructor(source: readonly MotionFrame[]) {
    this.frames = source.slice();
    this.owned = new Uint8Array(source.length);
  }

  get length(): number {
    return this.frames.length;
  }

  read(i: number): MotionFrame {
    return this.frames[i]!;
  }

  /** The frame at `i`, cloned the first time it is written so the source track stays as it was. */
  write(i: number): MotionFrame {
    const f = this.frames[i]!;
    if (this.owned[i]) return f;
    const copy: MotionFrame = {
      time: f.time,
      head: { ...f.head },
      blendshapes: { ...f.blendshapes },
      gaze: { ...f.gaze },
      body: { ...f.body, arms: { ...f.body.arms } },
    };
    this.frames[i] = copy;
    this.owned[i] = 1;
    return copy;
  }
}
