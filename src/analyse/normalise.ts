/**
 * Pixel normalisation for model inputs. Each manifest entry states its
 * inputRange: MediaPipe's detectors mostly take -1..1, its landmark and
 * segmentation models 0..1. Getting this wrong does not crash; it silently
 * lowers every score, so it is looked up, never assumed.
 */

export type InputRange = readonly [number, number];

export interface Normaliser {
  /** value = byte · scale + offset */
  scale: number;
  offset: number;
}

export function normaliser(range: InputRange): Normaliser {
  const [lo, hi] = range;
  return { scale: (hi - lo) / 255, offset: lo };
}

export function normaliseByte(n: Normaliser, byte: number): number {
  return byte * n.scale + n.offset;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
