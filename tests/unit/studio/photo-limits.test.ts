/** Where Vivify draws the line on photo size, and what it does either side of it. */
import { describe, expect, it } from 'vitest';
import { checkImageSize, IMAGE_LIMITS } from '../../../src/studio/inputs/image-checks.ts';
import { PhotoTooLargeError } from '../../../src/studio/inputs/input-errors.ts';
import { reviveError, userMessageOf } from '../../../src/contracts/errors.ts';

describe('checkImageSize', () => {
  it('passes ordinary photos untouched', () => {
    expect(checkImageSize(512, 512)).toEqual({ kind: 'ok' });
    expect(checkImageSize(4032, 3024)).toEqual({ kind: 'ok' }); // a 12 MP phone photo
    expect(checkImageSize(8192, 4096)).toEqual({ kind: 'ok' }); // exactly the working limit
  });

  it('scales photos above 8192 px on the long side, keeping the aspect', () => {
    expect(checkImageSize(8193, 4096)).toEqual({ kind: 'scale', width: 8192, height: 4096 });
    expect(checkImageSize(6000, 12000).kind).toBe('too-large'); // 72 MP: the pixel count refuses it before any scaling
    const tall = checkImageSize(4000, 12000); // 48 MP portrait panorama
    expect(tall).toEqual({ kind: 'scale', width: 2731, height: 8192 });
  });

  it('refuses above 50 megapixels or 16384 px a side without decoding', () => {
    expect(checkImageSize(10000, 10000)).toEqual({ kind: 'too-large' }); // 100 MP
    expect(checkImageSize(7072, 7072)).toEqual({ kind: 'too-large' }); // 50.01 MP
    expect(checkImageSize(7071, 7071)).toEqual({ kind: 'ok' }); // 49.99 MP, under 8192 a side
    expect(checkImageSize(16385, 100)).toEqual({ kind: 'too-large' });
    expect(checkImageSize(16384, 100).kind).toBe('scale');
  });

  it('calls zero or nonsense sizes invalid (a damaged header)', () => {
    expect(checkImageSize(0, 100)).toEqual({ kind: 'invalid' });
    expect(checkImageSize(Number.NaN, 100)).toEqual({ kind: 'invalid' });
  });

  it('tells the person the size and the limit', () => {
    const e = new PhotoTooLargeError('10000x10000', { width: 10000, height: 10000 });
    expect(e.userMessage).toContain('10000 × 10000');
    expect(e.userMessage).toContain('100 megapixels');
    expect(e.userMessage).toContain(`${IMAGE_LIMITS.maxMegapixels} megapixels`);
    // Across a worker boundary only name and message survive; the generic sentence still says the limit.
    const wire = Object.assign(new Error(e.message), { name: e.name });
    expect(reviveError(wire)).toBeInstanceOf(PhotoTooLargeError);
    expect(userMessageOf(wire)).toContain(`${IMAGE_LIMITS.maxSide} pixels`);
  });
});
