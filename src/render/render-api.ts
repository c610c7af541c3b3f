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
    async setPhoto(photo: ImageBitmap): Promise<void> {
      (await ready()).setPhoto(photo);
      photo.close();
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

export type RenderApi = ReturnType<typeof createRenderApi>;
