/**
 * Bad input gets idle motion or a typed error, never a crash.
 *
 * A video file's audio track: Node has no AAC decoder, so two checks stand in
 * for the browser path (where decodeAudioData reads the track of an MP4
 * directly): the MP4 itself is refused with a typed AudioDecodeError by the
 * WAV decoder, and the track ffmpeg extracted from it when the fixtures were
 * made (AAC round trip, 11.025 kHz) animates with working lip sync.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/contracts/errors.ts';
import type { DecodedAudio } from '../../../src/motion/audio-source.ts';
import { AudioDecodeError, EmptyAudioError } from '../../../src/motion/errors.ts';
import { synthesise, synthesiseTrack } from '../../../src/motion/synthesise.ts';
import { decodeWav } from '../../../src/motion/wav-decode.ts';
import { encodeWav, fixtureBytes, loadAudio, loadPhones, trackOf } from './helpers.ts';
import { bilabialRecall, pearson } from './lipsync-metrics.ts';

function silence(seconds: number, rate = 16000, level = 0): DecodedAudio {
  let s = 12345;
  const x = Float32Array.from({ length: seconds * rate }, () => level * (((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1));
  return { sampleRate: rate, channels: [x] };
}

describe('bad input', () => {
  it.each([
    ['digital silence', 0],
    ['room noise at -60 dBFS', 0.001 * Math.sqrt(3)],
  ])('gives idle motion for %s: mouth shut, eyes blinking, head alive', async (_, level) => {
    const t = await trackOf(silence(10, 16000, level));
    expect(t.frameCount).toBe(250);
    expect(Math.max(...t.frames.map((f) => f.blendshapes.jawOpen ?? 0))).toBe(0);
    expect(t.markers.filter((m) => m.kind === 'speech')).toHaveLength(0);
    expect(t.markers.filter((m) => m.kind === 'blink').length).toBeGreaterThanOrEqual(1);
    const yaw = t.frames.map((f) => f.head.yaw);
    expect(Math.max(...yaw) - Math.min(...yaw)).toBeGreaterThan(0.005);
  });

  it('refuses a 0-byte file and an empty stream with EmptyAudioError', async () => {
    expect(() => decodeWav(new Uint8Array(0))).toThrow(EmptyAudioError);
    await expect(synthesiseTrack({ kind: 'audio', source: [] })).rejects.toThrow(EmptyAudioError);
  });

  it('refuses a corrupt file and an impossible sample rate with AudioDecodeError', async () => {
    const corrupt = fixtureBytes('bob-map.wav');
    corrupt.set([0x4a, 0x55, 0x4e, 0x4b], 8); // "WAVE" → "JUNK"
    expect(() => decodeWav(corrupt)).toThrow(AudioDecodeError);
    const bad = { sampleRate: 0, channels: [new Float32Array(100)] };
    await expect(synthesiseTrack({ kind: 'audio', source: [bad] })).rejects.toThrow(AudioDecodeError);
  });

  it('animates a 6-channel 96 kHz 24-bit file like its 16 kHz mono source', async () => {
    const mono = loadAudio('mama-pie');
    const x = mono.channels[0]!;
    // Upsample ×6 by linear interpolation and spread over 5.1 channels with different gains.
    const up = Float32Array.from({ length: x.length * 6 }, (_, i) => {
      const p = i / 6, k = Math.floor(p), f = p - k;
      return (x[k]! * (1 - f) + (x[k + 1] ?? 0) * f);
    });
    const gains = [0.6, 0.6, 1, 0.1, 0.4, 0.4];
    const surround = { sampleRate: 96000, channels: gains.map((g) => up.map((v) => v * g)) };
    const decoded = decodeWav(encodeWav(surround, { bits: 24, extensible: true }));
    expect(decoded.channels).toHaveLength(6);
    expect(decoded.sampleRate).toBe(96000);
    const a = await trackOf(mono);
    const b = await trackOf(decoded);
    expect(b.frameCount).toBe(a.frameCount);
    const jaw = (t: typeof a) => t.frames.map((f) => f.blendshapes.jawOpen ?? 0);
    expect(pearson(jaw(a), jaw(b))).toBeGreaterThan(0.95);
  });

  it('animates the audio track of a video file (AAC in MP4, extracted at 11.025 kHz)', async () => {
    expect(() => decodeWav(fixtureBytes('bob-map-video.mp4'))).toThrow(AudioDecodeError);
    const track = decodeWav(fixtureBytes('bob-map-video-track.wav'));
    expect(track.sampleRate).toBe(11025);
    const t = await trackOf(track);
    const { hit, total } = bilabialRecall(t.frames, 25, loadPhones('bob-map'));
    // The AAC encoder delays the audio by a few ms; closures still land within a frame.
    expect(hit / total).toBeGreaterThanOrEqual(0.75);
  });

  it('treats NaN and out-of-range samples as silence or clipping instead of failing', async () => {
    const a = loadAudio('bob-map');
    const x = a.channels[0]!.slice();
    for (let i = 1000; i < 2000; i++) x[i] = Number.NaN;
    for (let i = 5000; i < 5100; i++) x[i] = 40;
    const t = await trackOf({ sampleRate: a.sampleRate, channels: [x] });
    for (const f of t.frames) for (const v of Object.values(f.blendshapes)) expect(Number.isFinite(v) && v >= 0 && v <= 1).toBe(true);
  });

  it('stops with CancelledError when its signal is aborted', async () => {
    const controller = new AbortController();
    const audio = loadAudio('librivox-austen');
    const blocks = (function* () {
      for (let i = 0; i < audio.channels[0]!.length; i += 1600) {
        if (i > 16000) controller.abort();
        yield { sampleRate: audio.sampleRate, channels: [audio.channels[0]!.subarray(i, i + 1600)] };
      }
    })();
    const run = async () => {
      for await (const _ of synthesise({ kind: 'audio', source: blocks }, { signal: controller.signal })) void _;
    };
    await expect(run()).rejects.toThrow(CancelledError);
  });
});
