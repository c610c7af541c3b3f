/**
 * The render worker's API: hold a photo and its rig on the GPU, and draw
 * frames from MotionFrames at any size. Frames leave as transferred pixels
 * (tests, PNG export) or as an ImageBitmap (preview, encoder).
 */
import type { MotionFrame } from '../contracts/motion.ts';
import type { RgbaImage, Rig } from '../contracts/rig.ts';
import { FrameRenderer, type RenderOptions } from './frame-renderer.ts';
import { gpuDevice } from './gpu-device.ts';
import { deformRig } from './mesh-deform.ts';

export function createRenderApi() {
  let renderer: FrameRenderer | undefined;
  let rig: Rig | undefined;

  async function ready(): Promise<FrameRenderer> {
    renderer ??= new FrameRenderer(await gpuDevice());
    return renderer;
  }

  function draw(r: FrameRenderer, frame: MotionFrame, opts: RenderOptions): GPUTexture {
    if (!rig) throw new Error('setRig before rendering');
    return r.render(deformRig(rig, frame), opts);
  }

  return {
    /** A bitmap (the app) or decoded pixels (Node, where there are no bitmaps); a bitmap is closed once uploaded. */
    async setPhoto(photo: ImageBitmap | RgbaImage): Promise<void> {
      (await ready()).setPhoto(photo);
      if ('close' in photo) photo.close();
    },

    async setRig(next: Rig): Promise<void> {
      (await ready()).setRig(next);
      rig = next;
    },

    async renderPixels(frame: MotionFrame, opts: RenderOptions): Promise<RgbaImage> {
      const r = await ready();
      const data = await r.readPixels(draw(r, frame, opts));
      return { width: opts.width, height: opts.height, data };
    },

    /**
     * One frame as a VideoFrame (RGBA), for the encoder and the preview; the
     * caller owns it and must close or transfer it. Transparent frames are
     * un-premultiplied: VideoFrame pixels carry straight alpha, as a canvas
     * would hand them over.
     */
    async renderFrame(frame: MotionFrame, opts: RenderOptions, timestampUs = Math.round(frame.time * 1e6)): Promise<VideoFrame> {
      const r = await ready();
      const data = await r.readPixels(draw(r, frame, opts));
      if (opts.background === 'transparent') unpremultiply(data);
      return new VideoFrame(data, { format: 'RGBA', codedWidth: opts.width, codedHeight: opts.height, timestamp: timestampUs });
    },

    /** Draws a frame and waits for the GPU to finish it, without reading it back: for the bench. */
    async renderAndWait(frame: MotionFrame, opts: RenderOptions): Promise<{ deformMs: number; gpuMs: number }> {
      const r = await ready();
      if (!rig) throw new Error('setRig before rendering');
      const t0 = performance.now();
      const poses = deformRig(rig, frame);
      const t1 = performance.now();
      r.render(poses, opts);
      await (await gpuDevice()).queue.onSubmittedWorkDone();
      return { deformMs: t1 - t0, gpuMs: performance.now() - t1 };
    },

    dispose(): void {
      renderer?.dispose();
      renderer = undefined;
      rig = undefined;
    },
  };
}

/** In place: RGB divided by alpha, rounded; fully transparent pixels become black. */
export function unpremultiply(rgba: Uint8Array): void {
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    if (a === 255) continue;
    if (a === 0) {
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      continue;
    }
    const k = 255 / a;
    rgba[i] = Math.min(255, Math.round(rgba[i]! * k));
    rgba[i + 1] = Math.min(255, Math.round(rgba[i + 1]! * k));
    rgba[i + 2] = Math.min(255, Math.round(rgba[i + 2]! * k));
  }
}

export type RenderApi = ReturnType<typeof createRenderApi>;
