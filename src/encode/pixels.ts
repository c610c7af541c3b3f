/** Reading a frame's pixels as straight RGBA, for the encoders that do not take VideoFrames (libx264, PNG, the alpha plane). */
import type { AnyFrame } from './frame-ledger.ts';

let scratch: OffscreenCanvasRenderingContext2D | undefined;

/**
 * Into `out` (width·height·4 bytes). VideoFrame.copyTo converts to RGBA
 * without a canvas in current Chromium; older engines (and ImageBitmaps) go
 * through a 2D canvas, which costs a GPU readback but works everywhere.
 */
export async function readRgba(frame: AnyFrame, width: number, height: number, out: Uint8Array): Promise<void> {
  if (typeof VideoFrame !== 'undefined' && frame instanceof VideoFrame && frame.codedWidth === width && frame.codedHeight === height) {
    try {
      await frame.copyTo(out, { format: 'RGBA', rect: { x: 0, y: 0, width, height } } as VideoFrameCopyToOptions);
      return;
    } catch {
      // Conversion not supported here: fall through to the canvas path.
    }
  }
  if (!scratch || scratch.canvas.width !== width || scratch.canvas.height !== height) {
    scratch = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
  }
  scratch.clearRect(0, 0, width, height);
  scratch.drawImage(frame, 0, 0, width, height);
  out.set(scratch.getImageData(0, 0, width, height).data);
}
