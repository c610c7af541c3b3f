/** The ADTS and Annex B parsers against real encoder output (see tests/fixtures/encode/README.md). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audioSpecificConfig, parseAdts, sampleRateIndex } from '../../../src/encode/adts.ts';
import { avcDecoderConfig, nalType, parseAnnexB, splitNalUnits, NAL_AUD } from '../../../src/encode/annexb.ts';
import { trimToLength } from '../../../src/encode/audio-encode.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/encode/${name}`, import.meta.url)));

describe('parseAdts', () => {
  const adts = parseAdts(fixture('tone-48k-mono-0.5s.aac'));

  it('finds every frame ffmpeg wrote: ceil((24 000 + 1 024 priming) / 1 024) = 25', () => {
    expect(adts.frames).toHaveLength(25);
    expect(adts).toMatchObject({ sampleRate: 48000, channels: 1, objectType: 2 });
  });

  it('builds the AudioSpecificConfig players expect for AAC-LC 48 kHz mono (0x11 0x88)', () => {
    expect(Array.from(adts.audioSpecificConfig)).toEqual([0x11, 0x88]);
    expect(Array.from(audioSpecificConfig(2, sampleRateIndex(44100), 2))).toEqual([0x12, 0x10]);
  });

  it('rejects bytes that are not ADTS', () => {
    expect(() => parseAdts(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/sync/);
  });
});

describe('trimToLength', () => {
  it('puts the priming frame before 0 and ends the track exactly at the last sample', () => {
    const raw = Array.from({ length: 25 }, (_, k) => ({ data: new Uint8Array(1), start: k * 1024 - 1024, samples: 1024 }));
    const packets = trimToLength(raw, 24_000, 48_000);
    expect(packets[0]!.timestamp).toBeCloseTo(-1024 / 48000, 9);
    const last = packets.at(-1)!;
    expect(last.timestamp + last.duration).toBeCloseTo(0.5, 9);
    // Packets that start after the end hold only encoder padding.
    expect(packets.every((p) => p.timestamp < 0.5)).toBe(true);
  });
});

describe('parseAnnexB', () => {
  const bytes = fixture('x264-aud-64x48-10frames.h264');

  it('splits on 3- and 4-byte start codes', () => {
    const nals = splitNalUnits(bytes);
    expect(nals.filter((n) => nalType(n) === NAL_AUD)).toHaveLength(10);
  });

  it('groups one access unit per frame, IDRs at 0 and 5, and lifts SPS/PPS out', () => {
    const s = parseAnnexB(bytes);
    expect(s.units).toHaveLength(10);
    expect(s.units.map((u) => u.keyFrame)).toEqual([true, false, false, false, false, true, false, false, false, false]);
    expect(s.sps[1]).toBe(100); // High profile
    // Every unit is length-prefixed NAL units with no SPS/PPS/AUD/SEI left inside.
    for (const u of s.units) {
      const view = new DataView(u.data.buffer, u.data.byteOffset, u.data.byteLength);
      for (let at = 0; at < u.data.length; ) {
        const len = view.getUint32(at);
        expect([1, 5]).toContain(u.data[at + 4]! & 0x1f);
        at += 4 + len;
        expect(at).toBeLessThanOrEqual(u.data.length);
      }
    }
  });

  it('writes an avcC with the High-profile chroma extension', () => {
    const { sps, pps } = parseAnnexB(bytes);
    const avcc = avcDecoderConfig(sps, pps);
    expect(Array.from(avcc.subarray(0, 6))).toEqual([1, sps[1], sps[2], sps[3], 0xff, 0xe1]);
    expect(avcc.length).toBe(11 + sps.length + pps.length + 4);
    expect(Array.from(avcc.subarray(-4))).toEqual([0xfd, 0xf8, 0xf8, 0]);
  });
});
