/**
 * Turning the engine's 100 Hz hop frames into output frames at the video rate,
 * and grouping them into chunks.
 *
 * Output frame i sits at i / fps seconds. At 25 and 50 fps that is exactly a
 * hop, so the frame is the hop's frame; at other rates it is interpolated
 * linearly between the two hops around it. Either way it depends only on
 * those two hop frames, never on chunk boundaries.
 */
import type { BlendshapeName, BlendshapeWeights, MotionFrame, MotionMarker } from '../contracts/motion.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';

export interface MotionChunk {
  index: number;
  /** Index of this chunk's first frame in the whole track. */
  startFrame: number;
  frames: MotionFrame[];
  /** Markers that were completed while this chunk was made (they may start in an earlier chunk). */
  markers: MotionMarker[];
  final: boolean;
}

export class FrameSampler {
  private nextFrame = 0;
  private previous: MotionFrame | null = null;
  private hop = 0;

  constructor(readonly fps: number) {}

  /** Feeds the next hop frame; returns the output frames at or before it, ending before `limit` seconds. */
  push(hopFrame: MotionFrame, limit = Infinity): MotionFrame[] {
    const out: MotionFrame[] = [];
    for (;;) {
      const t = this.nextFrame / this.fps;
      const pos = (this.nextFrame * HOPS_PER_SECOND) / this.fps; // in hops; exact when fps divides 100
      if (pos > this.hop || t >= limit) break;
      const w = this.hop - pos; // weight of the previous hop frame
      out.push(w <= 0 || !this.previous ? { ...hopFrame, time: t } : lerpFrame(this.previous, hopFrame, 1 - w, t));
      this.nextFrame++;
    }
    this.previous = hopFrame;
    this.hop++;
    return out;
  }

  get framesOut(): number {
    return this.nextFrame;
  }
}

function lerpFrame(a: MotionFrame, b: MotionFrame, w: number, time: number): MotionFrame {
  const l = (x: number, y: number) => x + (y - x) * w;
  const blendshapes: BlendshapeWeights = {};
  for (const name of new Set([...Object.keys(a.blendshapes), ...Object.keys(b.blendshapes)]) as Set<BlendshapeName>) {
    blendshapes[name] = l(a.blendshapes[name] ?? 0, b.blendshapes[name] ?? 0);
  }
  const arms: Record<string, number> = {};
  for (const j of new Set([...Object.keys(a.body.arms), ...Object.keys(b.body.arms)])) arms[j] = l(a.body.arms[j] ?? 0, b.body.arms[j] ?? 0);
  return {
    time,
    head: {
      yaw: l(a.head.yaw, b.head.yaw), pitch: l(a.head.pitch, b.head.pitch), roll: l(a.head.roll, b.head.roll),
      x: l(a.head.x, b.head.x), y: l(a.head.y, b.head.y), z: l(a.head.z, b.head.z),
    },
    blendshapes,
    gaze: { x: l(a.gaze.x, b.gaze.x), y: l(a.gaze.y, b.gaze.y) },
    body: {
      breath: l(a.body.breath, b.body.breath), leanForward: l(a.body.leanForward, b.body.leanForward),
      leanSide: l(a.body.leanSide, b.body.leanSide), shoulderLeft: l(a.body.shoulderLeft, b.body.shoulderLeft),
      shoulderRight: l(a.body.shoulderRight, b.body.shoulderRight), arms,
    },
  };
}

/** Collects frames and markers into chunks of `framesPerChunk`. */
export class Chunker {
  private frames: MotionFrame[] = [];
  private markers: MotionMarker[] = [];
  private index = 0;
  private start = 0;

  constructor(readonly framesPerChunk: number) {}

  add(frames: MotionFrame[], markers: MotionMarker[]): MotionChunk[] {
    this.markers.push(...markers);
    const out: MotionChunk[] = [];
    for (const f of frames) {
      this.frames.push(f);
      if (this.frames.length >= this.framesPerChunk) out.push(this.take(false));
    }
    return out;
  }

  finish(markers: MotionMarker[]): MotionChunk {
    this.markers.push(...markers);
    return this.take(true);
  }

  private take(final: boolean): MotionChunk {
    const chunk = { index: this.index++, startFrame: this.start, frames: this.frames, markers: this.markers, final };
    this.start += this.frames.length;
    this.frames = [];
    this.markers = [];
    return chunk;
  }
}
