/**
 * How large a photo Vivify takes, and what it does with one that is larger
 * than it needs.
 *
 * Two limits, for two reasons:
 * - Refused above 50 megapixels or 16384 px a side. Decoding needs 4 bytes a
 *   pixel, and decode, resize and canvas each hold a copy at once: 50 MP is
 *   already ~600 MB at the peak, 100 MP would be over a gigabyte and can kill
 *   the tab on an ordinary laptop. 16384 is Chrome's canvas side limit. These
 *   are refused from the header alone, so the tab never tries.
 * - Scaled down above 8192 px on the long side. That is the largest texture
 *   WebGPU guarantees (maxTextureDimension2D), and more than twice the 4K
 *   output's long side, so nothing visible is lost: the renderer samples the
 *   photo at full resolution and a face in an 8192 px photo still has far more
 *   pixels than the output can show.
 * Refusing instead of scaling above 50 MP is deliberate: scaling would need
 * the very decode that is unsafe.
 */
import type { PixelSize } from './image-type.ts';

export const IMAGE_LIMITS = Object.freeze({
  maxMegapixels: 50,
  maxSide: 16384,
  workingLongSide: 8192,
});

export type SizeDecision =
  | { kind: 'ok' }
  /** Usable after scaling to this size (aspect kept, rounded, never 0). */
  | { kind: 'scale'; width: number; height: number }
  | { kind: 'too-large' }
  /** Zero or nonsense dimensions: the header is damaged. */
  | { kind: 'invalid' };

export function checkImageSize(width: number, height: number): SizeDecision {
  if (!Number.isFinite(width) || !Number.isFinite(height) || width < 1 || height < 1) return { kind: 'invalid' };
  if (width > IMAGE_LIMITS.maxSide || height > IMAGE_LIMITS.maxSide) return { kind: 'too-large' };
  if (width * height > IMAGE_LIMITS.maxMegapixels * 1e6) return { kind: 'too-large' };
  const long = Math.max(width, height);
  if (long <= IMAGE_LIMITS.workingLongSide) return { kind: 'ok' };
  const s = IMAGE_LIMITS.workingLongSide / long;
  return { kind: 'scale', width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** The size after a decision, for callers that report it. */
export function sizeAfter(size: PixelSize, decision: SizeDecision): PixelSize {
  return decision.kind === 'scale' ? { width: decision.width, height: decision.height } : size;
}
