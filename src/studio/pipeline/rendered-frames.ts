/**
 * The renderer as the encoder's frame producer: frame i of the motion track,
 * drawn in the render worker and handed over as a VideoFrame. The encoder
 * asks for one frame at a time, so at most one rendered frame is in flight.
 */
import type { MotionTrack } from '../../contracts/motion.ts';
import type { FrameSource } from '../../encode/synthetic-frames.ts';
import type { RenderOptions } from '../../render/frame-renderer.ts';
import { renderClient } from '../render-client.ts';

export function renderedFrames(track: MotionTrack, opts: RenderOptions): FrameSource {
  return {
    width: opts.width,
    height: opts.height,
    fps: track.fps,
    frameCount: track.frameCount,
    frame: (index) => renderClient.renderFrame(track.frames[index]!, opts, Math.round((index / track.fps) * 1e6)),
  };
}
