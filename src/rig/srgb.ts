/**
 * sRGB bytes ↔ linear light. The renderer blends in linear light (its
 * textures and target are sRGB formats), so anything the rig builder
 * precomputes to come out exact after blending is computed here the same way.
 */

/** Linear light (0…1) of each sRGB byte. */
export const SRGB_TO_LINEAR = Float32Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

/** The sRGB byte nearest a linear-light value (clamped to 0…1). */
export function linearToSrgbByte(v: number): number {
  const c = Math.min(1, Math.max(0, v));
  const s = c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(s * 255);
}
