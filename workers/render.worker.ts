/** Render worker: WebGPU frames from a rig and MotionFrames, behind one comlink API. */
import { expose, transfer } from 'comlink';
import type { MotionFrame } from '../src/contracts/motion.ts';
import type { RenderOptions } from '../src/render/frame-renderer.ts';
import { createRenderApi } from '../src/render/render-api.ts';

const base = createRenderApi();

const api = {
  ...base,
  /** The frame is transferred out: this worker keeps no reference to it. */
  async renderFrame(frame: MotionFrame, opts: RenderOptions, timestampUs?: number): Promise<VideoFrame> {
    const video = await base.renderFrame(frame, opts, timestampUs);
    return transfer(video, [video]);
  },
};
expose(api);

export type RenderWorkerApi = typeof api;
