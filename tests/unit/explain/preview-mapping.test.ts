import { describe, expect, it } from 'vitest';
import { mapPositions, previewMapping, toPreview } from '../../../src/studio/explain/preview-mapping.ts';

describe('photo px → preview px', () => {
  it('maps the whole photo onto the whole box', () => {
    const m = previewMapping({ x: 0, y: 0, width: 4000, height: 3000 }, 1280, 960);
    expect(toPreview(m, 0, 0)).toEqual([0, 0]);
    expect(toPreview(m, 4000, 3000)).toEqual([1280, 960]);
    expect(toPreview(m, 2000, 1500)).toEqual([640, 480]);
  });

  it('maps a crop’s corners onto the box’s corners, scaling each axis on its own as the renderer does', () => {
    const crop = { x: 1000, y: 500, width: 1600, height: 1200 };
    const m = previewMapping(crop, 1280, 720);
    expect(toPreview(m, 1000, 500)).toEqual([0, 0]);
    const [x, y] = toPreview(m, 2600, 1700);
    expect(x).toBeCloseTo(1280, 9);
    expect(y).toBeCloseTo(720, 9);
    // Outside the crop lands outside the box (the canvas clips it).
    expect(toPreview(m, 900, 500)[0]).toBeLessThan(0);
  });

  it('maps vertices×3 to vertices×2, ignoring depth, into a reused buffer', () => {
    const m = previewMapping({ x: 10, y: 20, width: 100, height: 50 }, 200, 100);
    const positions = Float32Array.from([10, 20, 99, 60, 45, -5, 110, 70, 0]);
    const out = new Float32Array(6);
    const xy = mapPositions(m, positions, out);
    expect(xy).toBe(out);
    expect(Array.from(xy)).toEqual([0, 0, 100, 50, 200, 100]);
    expect(mapPositions(m, positions, new Float32Array(2))).not.toBe(out);
  });

  it('refuses an empty crop instead of drawing at infinity', () => {
    expect(() => previewMapping({ x: 0, y: 0, width: 0, height: 10 }, 100, 100)).toThrow(RangeError);
  });
});
