/** Output size rule: named short side (512: long side), even sizes, crops of the right aspect inside the photo. */
import { describe, expect, it } from 'vitest';
import { outputSize } from '../../../src/studio/projects/output-size.ts';

describe('outputSize', () => {
  it('720p..4k name the short side, for landscape and portrait photos', () => {
    expect(outputSize(4000, 3000, '1080p', 'photo')).toMatchObject({ width: 1440, height: 1080 });
    expect(outputSize(3000, 4000, '1080p', 'photo')).toMatchObject({ width: 1080, height: 1440 });
    expect(outputSize(1920, 1080, '4k', 'photo')).toMatchObject({ width: 3840, height: 2160 });
    expect(outputSize(1920, 1080, '720p', 'photo')).toMatchObject({ width: 1280, height: 720 });
    expect(outputSize(1920, 1080, '1440p', 'photo')).toMatchObject({ width: 2560, height: 1440 });
  });

  it('512 names the long side', () => {
    expect(outputSize(4000, 3000, '512', 'photo')).toMatchObject({ width: 512, height: 384 });
    expect(outputSize(3000, 4000, '512', 'photo')).toMatchObject({ width: 384, height: 512 });
    expect(outputSize(512, 512, '512', 'photo')).toMatchObject({ width: 512, height: 512 });
  });

  it('never exceeds 3840 x 2160 in either orientation, keeping the aspect', () => {
    expect(outputSize(6000, 2000, '4k', 'photo')).toMatchObject({ width: 3840, height: 1280 });
    expect(outputSize(2000, 6000, '1440p', 'photo')).toMatchObject({ width: 1280, height: 3840 });
    expect(outputSize(4000, 3000, '4k', 'photo')).toMatchObject({ width: 2880, height: 2160 });
    expect(outputSize(4000, 3000, '4k', '9:16')).toMatchObject({ width: 2160, height: 3840 });
  });

  it('a 3:1 panorama still gets a valid frame at 512 (at least 16 px a side)', () => {
    expect(outputSize(9000, 300, '512', 'photo')).toMatchObject({ width: 512, height: 18 });
    expect(outputSize(9000, 100, '512', 'photo').height).toBe(16);
  });

  it('always gives even sizes (H.264 4:2:0 needs them)', () => {
    for (const [w, h] of [[1001, 777], [333, 1000], [4031, 3023], [70, 50]] as const) {
      for (const preset of ['512', '720p', '1080p', '1440p', '4k'] as const) {
        const o = outputSize(w, h, preset, 'photo');
        expect(o.width % 2, `${w}x${h} ${preset}`).toBe(0);
        expect(o.height % 2, `${w}x${h} ${preset}`).toBe(0);
        expect(Math.abs(o.width / o.height - w / h) / (w / h)).toBeLessThan(0.02);
      }
    }
  });

  it('crop presets have their aspect and output sizes', () => {
    expect(outputSize(4000, 3000, '1080p', 'square')).toMatchObject({ width: 1080, height: 1080, crop: { x: 500, y: 0, width: 3000, height: 3000 } });
    expect(outputSize(4000, 3000, '1080p', '9:16')).toMatchObject({ width: 1080, height: 1920 });
    expect(outputSize(4000, 3000, '1080p', '16:9')).toMatchObject({ width: 1920, height: 1080, crop: { x: 0, y: 375, width: 4000, height: 2250 } });
    expect(outputSize(4000, 3000, '512', '16:9')).toMatchObject({ width: 512, height: 288 });
  });

  it('centres the crop on the face, but never past the photo edge', () => {
    const face = { x: 2500, y: 400, width: 600, height: 800 }; // centre (2800, 800)
    const c = outputSize(4000, 3000, '1080p', '9:16', face).crop;
    expect(c.height).toBe(3000);
    expect(c.width).toBeCloseTo(3000 * 9 / 16, 6);
    expect(c.x + c.width / 2).toBeCloseTo(2800, 6);
    const atEdge = outputSize(4000, 3000, '1080p', 'square', { x: 3800, y: 10, width: 150, height: 150 }).crop;
    expect(atEdge).toEqual({ x: 1000, y: 0, width: 3000, height: 3000 });
  });
});
