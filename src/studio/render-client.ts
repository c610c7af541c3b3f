/** Main-thread handle on the render worker. Photos go in as transferred ImageBitmaps. */
import { transfer } from 'comlink';
import type { MotionFrame } from '../contracts/motion.ts';
import type { Rig } from '../contracts/rig.ts';
import type { RenderOptions } from '../render/frame-renderer.ts';
import type { RenderWorkerApi } from '../../workers/render.worker.ts';
import { lazyWorker } from './lazy-worker.ts';

const call = lazyWorker<RenderWorkerApi>(
  () => new Worker(new URL('../../workers/render.worker.ts', import.meta.url), { type: 'module', name: 'vivify-render' }),
);

export const renderClient = {
  setPhoto: (photo: ImageBitmap) => call((w) => w.setPhoto(transfer(photo, [photo]))),
  setRig: (rig: Rig) => call((w) => w.setRig(rig)),
  renderPixels: (frame: MotionFrame, opts: RenderOptions) => call((w) => w.renderPixels(frame, opts)),
  /** A frame as a VideoFrame: the caller owns it and must close or transfer it. */
  renderFrame: (frame: MotionFrame, opts: RenderOptions, timestampUs?: number) => call((w) => w.renderFrame(frame, opts, timestampUs)),
  renderAndWait: (frame: MotionFrame, opts: RenderOptions) => call((w) => w.renderAndWait(frame, opts)),
  dispose: () => call((w) => w.dispose()),
};

export type RenderClient = typeof renderClient;
