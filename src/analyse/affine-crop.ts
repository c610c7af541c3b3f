/**
 * Samples a rotated region of the photo into a model's input tensor with
 * bilinear filtering: the one image operation every detector, landmark and
 * segmentation model here needs. Pure TypeScript over RGBA bytes, so Node
 * tests and the worker run exactly the same code.
 */
import type { ImagePyramid } from './image-pyramid.ts';
import { normaliser, type InputRange } from './normalise.ts';
import type { RotatedRect } from './rotated-roi.ts';

export interface CropOptions {
  width: number;
  height: number;
  range: InputRange;
}

/**
 * Returns a [1, 3, height, width] NCHW float tensor of `rect`. Output pixel
 * (i, j) samples local (u, v) = ((j + 0.5) / width − 0.5, (i + 0.5) / height − 0.5),
 * so a landmark at input pixel (x, y) maps back through rectToPhoto(x / width − 0.5, …).
 * Outside the photo reads as black (MediaPipe's zero border).
 */
export function cropToTensor(pyramid: ImagePyramid, rect: RotatedRect, opts: CropOptions): Float32Array {
  const { width: W, height: H } = opts;
  const { image, factor } = pyramid.levelFor(Math.min(rect.width / W, rect.height / H));
  const { scale, offset } = normaliser(opts.range);
  const src = image.data;
  const sw = image.width;
  const sh = image.height;
  const out = new Float32Array(3 * W * H);
  const plane = W * H;
  const cos = Math.cos(rect.rotation);
  const sin = Math.sin(rect.rotation);
  // Photo position of local (u, v), in the level's pixel-index space (centres at integers).
  const ux = (rect.width / W) * cos / factor;
  const uy = (rect.width / W) * sin / factor;
  const vx = (-(rect.height / H) * sin) / factor;
  const vy = ((rect.height / H) * cos) / factor;
  const ox = rect.cx / factor - 0.5 - ux * (W / 2 - 0.5) - vx * (H / 2 - 0.5);
  const oy = rect.cy / factor - 0.5 - uy * (W / 2 - 0.5) - vy * (H / 2 - 0.5);
  const black = offset;
  for (let i = 0; i < H; i++) {
    let x = ox + vx * i;
    let y = oy + vy * i;
    for (let j = 0; j < W; j++, x += ux, y += uy) {
      const o = i * W + j;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < -1 || y0 < -1 || x0 >= sw || y0 >= sh) {
        out[o] = out[o + plane] = out[o + 2 * plane] = black;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      // Out-of-range neighbours weigh zero: the border fades to black over one pixel, like a zero-padded image.
      const w00 = x0 >= 0 && y0 >= 0 ? (1 - fx) * (1 - fy) : 0;
      const w10 = x0 + 1 < sw && y0 >= 0 ? fx * (1 - fy) : 0;
      const w01 = x0 >= 0 && y0 + 1 < sh ? (1 - fx) * fy : 0;
      const w11 = x0 + 1 < sw && y0 + 1 < sh ? fx * fy : 0;
      const p00 = (y0 * sw + x0) * 4;
      const p10 = p00 + 4;
      const p01 = p00 + sw * 4;
      const p11 = p01 + 4;
      for (let c = 0; c < 3; c++) {
        const v =
          (w00 ? src[p00 + c]! * w00 : 0) + (w10 ? src[p10 + c]! * w10 : 0) + (w01 ? src[p01 + c]! * w01 : 0) + (w11 ? src[p11 + c]! * w11 : 0);
        out[o + c * plane] = v * scale + offset;
      }
    }
  }
  return out;
}
