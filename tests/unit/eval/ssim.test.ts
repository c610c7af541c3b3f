import { describe, expect, test } from 'vitest';
import { ssim, type PlainImage } from '../../../src/eval/metrics/ssim.ts';
import { gaussian, seededRandom } from './synthetic-face.ts';

const W = 48;
const H = 40;

/** A textured grayscale test image: gradients, a disc and stripes, so SSIM has structure to compare. */
function pattern(): PlainImage {
  const data = new Uint8ClampedArray(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const disc = Math.hypot(x - 20, y - 18) < 10 ? 90 : 0;
      data[y * W + x] = 40 + 2 * x + y + disc + (x % 6 < 3 ? 30 : 0);
    }
  }
  return { width: W, height: H, data };
}

function withNoise(image: PlainImage, sigma: number, seed: number): PlainImage {
  const normal = gaussian(seededRandom(seed));
  return { ...image, data: Uint8ClampedArray.from(image.data, (v) => v + sigma * normal()) };
}

const toRgba = (image: PlainImage): PlainImage => ({
  ...image,
  data: Uint8ClampedArray.from({ length: image.data.length * 4 }, (_, i) => (i % 4 === 3 ? 255 : image.data[i >> 2]!)),
});

describe('SSIM', () => {
  const image = pattern();

  test('an image against itself is 1', () => {
    expect(ssim(image, image)).toBeCloseTo(1, 12);
  });

  test('falls as noise grows', () => {
    const s5 = ssim(image, withNoise(image, 5, 1));
    const s15 = ssim(image, withNoise(image, 15, 2));
    const s40 = ssim(image, withNoise(image, 40, 3));
    expect(s5).toBeLessThan(1);
    expect(s15).toBeLessThan(s5);
    expect(s40).toBeLessThan(s15);
    expect(s40).toBeLessThan(0.6);
  });

  test('is symmetric, and RGBA with equal channels gives the grayscale answer', () => {
    const noisy = withNoise(image, 10, 4);
    expect(ssim(noisy, image)).toBeCloseTo(ssim(image, noisy), 12);
    expect(ssim(toRgba(image), toRgba(noisy))).toBeCloseTo(ssim(image, noisy), 9);
  });

  test('matches the definition on a single window: an 11×11 image against its negative', () => {
    const small = { width: 11, height: 11, data: Uint8ClampedArray.from({ length: 121 }, (_, i) => (i * 37) % 256) };
    const inverse = { ...small, data: small.data.map((v) => 255 - v) };
    // Equal variances and covariance −σ²: SSIM = luminance term × (C2 − 2σ²)/(2σ² + C2) < 0.
    expect(ssim(small, inverse)).toBeLessThan(0);
  });

  test('refuses images of different sizes or too small for the window', () => {
    expect(() => ssim(image, { ...image, width: W - 1, data: new Uint8Array((W - 1) * H) })).toThrow(RangeError);
    expect(() => ssim({ width: 8, height: 8, data: new Uint8Array(64) }, { width: 8, height: 8, data: new Uint8Array(64) })).toThrow(RangeError);
  });
});
