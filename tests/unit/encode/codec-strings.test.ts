import { describe, expect, it } from 'vitest';
import { chooseH264, chooseVp9, defaultBitrate } from '../../../src/encode/codec-strings.ts';

const h264 = (w: number, h: number, fps: number) => chooseH264(w, h, fps, defaultBitrate(w, h, fps));

describe('chooseH264 picks the lowest High-profile level that holds the stream', () => {
  it.each([
    // [width, height, fps, codec]: worked by hand from Table A-1 (frame size in macroblocks, macroblocks per second).
    [512, 512, 30, 'avc1.64001e'], // 1 024 MB/frame, 30 720 MB/s → 3.0
    [1280, 720, 30, 'avc1.64001f'], // 3 600 MB, 108 000 MB/s → 3.1
    [1280, 720, 60, 'avc1.640020'], // 216 000 MB/s → 3.2
    [1920, 1080, 30, 'avc1.640028'], // 8 160 MB, 244 800 MB/s → 4.0
    [1920, 1080, 60, 'avc1.64002a'], // 489 600 MB/s → 4.2
    [3840, 2160, 30, 'avc1.640033'], // 32 400 MB, 972 000 MB/s → 5.1
    [3840, 2160, 60, 'avc1.640034'], // 1 944 000 MB/s → 5.2
    [1080, 1920, 30, 'avc1.640028'], // portrait: same area, sides within √(8·MaxFS) = 256 MB
  ])('%i×%i @ %i fps → %s', (w, h, fps, codec) => {
    expect(h264(w, h, fps).codec).toBe(codec);
  });

  it('goes up a level when the bitrate needs it', () => {
    // 1080p30 fits level 4.0 by size, but 4.0 High caps at 25 Mbit/s; 4.1 allows 62.5.
    expect(chooseH264(1920, 1080, 30, 40_000_000).codec).toBe('avc1.640029');
  });

  it('reports the level in the form ffmpeg wants', () => {
    expect(h264(1920, 1080, 30)).toMatchObject({ profile: 'High', levelIdc: 40, level: '4.0' });
    expect(h264(3840, 2160, 60).level).toBe('5.2');
  });

  it('refuses what no level can hold', () => {
    expect(() => chooseH264(16384, 16384, 60, 1e6)).toThrow(RangeError);
  });
});

describe('chooseVp9', () => {
  it.each([
    [256, 192, 30, 'vp09.00.11.08'],
    [512, 512, 30, 'vp09.00.30.08'], // 262 144 samples: over level 2.1's 245 760
    [1920, 1080, 30, 'vp09.00.40.08'],
    [1920, 1080, 60, 'vp09.00.41.08'],
    [3840, 2160, 60, 'vp09.00.51.08'],
  ])('%i×%i @ %i fps → %s', (w, h, fps, codec) => {
    expect(chooseVp9(w, h, fps)).toBe(codec);
  });
});

describe('defaultBitrate', () => {
  it('is 0.1 bit per pixel per frame, floored at 0.5 Mbit/s', () => {
    expect(defaultBitrate(1920, 1080, 30)).toBe(6_220_800);
    expect(defaultBitrate(128, 128, 30)).toBe(500_000);
  });
});
