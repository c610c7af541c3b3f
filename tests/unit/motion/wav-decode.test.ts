import { describe, expect, it } from 'vitest';
import { VivifyError, reviveError } from '../../../src/contracts/errors.ts';
import { AudioDecodeError, EmptyAudioError } from '../../../src/motion/errors.ts';
import { decodeWav } from '../../../src/motion/wav-decode.ts';
import { encodeWav, fixtureBytes, loadAudio } from './helpers.ts';

describe('decodeWav', () => {
  it('decodes the festival fixture as 16 kHz mono with its full length', () => {
    const a = loadAudio('bob-map');
    expect(a.sampleRate).toBe(16000);
    expect(a.channels).toHaveLength(1);
    expect(a.channels[0]!.length).toBe(51361); // soxi's sample count
  });

  it.each([
    { bits: 8 as const, tol: 1 / 64 },
    { bits: 16 as const, tol: 1e-4 },
    { bits: 24 as const, tol: 1e-6 },
    { bits: 32 as const, tol: 1e-8 },
    { bits: 32 as const, float: true, tol: 1e-7 },
    { bits: 24 as const, extensible: true, tol: 1e-6 },
  ])('round-trips $bits-bit float=$float extensible=$extensible samples', ({ tol, ...opts }) => {
    const n = 1000;
    const left = Float32Array.from({ length: n }, (_, i) => 0.8 * Math.sin(i / 7));
    const right = Float32Array.from({ length: n }, (_, i) => -0.5 * Math.cos(i / 3));
    const out = decodeWav(encodeWav({ sampleRate: 44100, channels: [left, right] }, opts));
    expect(out.sampleRate).toBe(44100);
    expect(out.channels).toHaveLength(2);
    for (let i = 0; i < n; i++) {
      expect(Math.abs(out.channels[0]![i]! - left[i]!)).toBeLessThan(tol);
      expect(Math.abs(out.channels[1]![i]! - right[i]!)).toBeLessThan(tol);
    }
  });

  it('reads a data chunk whose declared size runs past the end of the file', () => {
    const bytes = fixtureBytes('bob-map.wav').slice(0, 44 + 2 * 8000);
    expect(decodeWav(bytes).channels[0]!.length).toBe(8000);
  });

  it('rejects a 0-byte file with EmptyAudioError', () => {
    expect(() => decodeWav(new Uint8Array(0))).toThrow(EmptyAudioError);
  });

  it('rejects a header with no samples with EmptyAudioError', () => {
    expect(() => decodeWav(fixtureBytes('bob-map.wav').slice(0, 44))).toThrow(EmptyAudioError);
  });

  it.each([
    ['random bytes', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)],
    ['a truncated RIFF header', fixtureBytes('bob-map.wav').slice(0, 30)],
    ['a video container (MP4 with an AAC track)', fixtureBytes('bob-map-video.mp4')],
    ['JSON', new TextEncoder().encode('{"not": "audio"}')],
  ])('rejects %s with a typed AudioDecodeError, never a crash', (_, bytes) => {
    expect(() => decodeWav(bytes)).toThrow(AudioDecodeError);
  });

  it('gives errors a user message and lets them cross the worker boundary by name', () => {
    try {
      decodeWav(fixtureBytes('bob-map-video.mp4'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VivifyError);
      const plain = Object.assign(new Error((e as Error).message), { name: (e as Error).name });
      const revived = reviveError(plain);
      expect(revived).toBeInstanceOf(AudioDecodeError);
      expect((revived as AudioDecodeError).userMessage).toMatch(/WAV, MP3/);
    }
  });
});
