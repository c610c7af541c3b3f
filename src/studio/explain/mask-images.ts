/**
 * The rig's layer masks as images the overlay can composite with: made once
 * per rig (a few hundred kB of pixels), in the browser only.
 */
import type { Rig } from '../../contracts/rig.ts';

export function layerMaskImages(rig: Rig): (OffscreenCanvas | undefined)[] {
  return rig.layers.map((layer) => {
    const img = layer.mask?.kind === 'image' ? rig.images[layer.mask.key] : undefined;
    if (!img || layer.texture.kind !== 'photo') return undefined;
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
    return canvas;
  });
}
