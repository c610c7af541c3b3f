/**
 * The silence rule on real speech and on what an open microphone in a quiet
 * room records, and the voice intake's typed errors end to end with the WAV
 * decoder standing in for the browser's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { userMessageOf } from '../../../src/contracts/errors.ts';
import { EmptyAudioError } from '../../../src/motion/errors.ts';
import { decodeWav } from '../../../src/motion/wav-decode.ts';
import { CorruptAudioError, SilentAudioError, UnsupportedAudioError } from '../../../src/studio/inputs/input-errors.ts';
import { isAudioSilent, isSilent, loudSeconds, SILENCE_RULE } from '../../../src/studio/inputs/silence.ts';
import { decodeVoice } from '../../../src/studio/inputs/voice-intake.ts';

const fixture = (path: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url))));
const speech = (name: string) => decodeWav(fixture(`speech/${name}.wav`));
const SPEECH = ['librivox-austen', 'bob-map', 'mama-pie', 'palm-milk', 'five-vans', 'humble-ballad'];

/** Gaussian-ish white noise at a given RMS level, from a fixed seed so the test is repeatable. */
function noise(seconds: number, sampleRate: number, dbfs: number, dc = 0): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let s = 12345;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  // Sum of 4 uniforms has variance 4/12; scale to unit variance, then to the level.
  const gain = 10 ** (dbfs / 20) / Math.sqrt(4 / 12);
  for (let i = 0; i < out.length; i++) out[i] = dc + gain * (rand() + rand() + rand() + rand() - 2);
  return out;
}

function scaled(samples: Float32Array, gainDb: number): Float32Array {
  const g = 10 ** (gainDb / 20);
  return samples.map((x) => x * g);
}

describe('isSilent', () => {
  it.each(SPEECH)('real speech (%s) is not silent', (name) => {
    const a = speech(name);
    expect(isSilent(a.channels[0]!, a.sampleRate)).toBe(false);
    expect(loudSeconds(a.channels[0]!, a.sampleRate)).toBeGreaterThan(1.5);
  });

  it('a quiet recording (speech 20 dB down, about -44 dBFS) still counts as a voice', () => {
    const a = speech('bob-map');
    expect(isSilent(scaled(a.channels[0]!, -20), a.sampleRate)).toBe(false);
  });

  it('digital silence and -60 dBFS room noise are silent', () => {
    expect(isSilent(new Float32Array(16000 * 5), 16000)).toBe(true);
    expect(isSilent(noise(10, 48000, -60), 48000)).toBe(true);
    // A level just under the threshold is silent; just over it is not.
    expect(isSilent(noise(2, 16000, SILENCE_RULE.thresholdDbfs - 2), 16000)).toBe(true);
    expect(isSilent(noise(2, 16000, SILENCE_RULE.thresholdDbfs + 2), 16000)).toBe(false);
  });

  it('a DC offset is not sound, and a single click is not a voice', () => {
    expect(isSilent(noise(5, 16000, -60, 0.05), 16000)).toBe(true);
    const clicks = new Float32Array(16000 * 5);
    for (const at of [8000, 40000, 72000]) clicks[at] = 0.9; // three knocks on the desk
    expect(isSilent(clicks, 16000)).toBe(true);
  });

  it('a stereo file with the voice on one side only is not silent', () => {
    const a = speech('palm-milk');
    expect(isAudioSilent({ sampleRate: a.sampleRate, channels: [new Float32Array(a.channels[0]!.length), a.channels[0]!] })).toBe(false);
    expect(isAudioSilent({ sampleRate: a.sampleRate, channels: [new Float32Array(100), new Float32Array(100)] })).toBe(true);
  });
});

describe('decodeVoice', () => {
  const wavDecoder = async (bytes: ArrayBuffer) => decodeWav(bytes);
  const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

  it('hands back decoded samples and the length of real speech', async () => {
    const v = await decodeVoice(blob(fixture('speech/librivox-austen.wav')), wavDecoder);
    expect(v.type).toBe('wav');
    expect(v.seconds).toBeCloseTo(10.39, 1);
  });

  it('refuses a file that is not audio before decoding it', async () => {
    let decoded = false;
    const spy = async (b: ArrayBuffer) => ((decoded = true), decodeWav(b));
    await expect(decodeVoice(blob(fixture('analyse/astronaut.png')), spy)).rejects.toBeInstanceOf(UnsupportedAudioError);
    expect(decoded).toBe(false);
  });

  it('calls a decoder failure on a known container corrupt', async () => {
    const truncated = fixture('speech/bob-map.wav').slice(0, 30); // RIFF/WAVE header cut inside fmt
    const e = await decodeVoice(blob(truncated), wavDecoder).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CorruptAudioError);
    expect(userMessageOf(e)).toMatch(/damaged/);
  });

  it('lets an already typed decoder error through (an empty file)', async () => {
    const header = fixture('speech/bob-map.wav').slice(0, 12);
    const empty = async () => { throw new EmptyAudioError('0 samples'); };
    await expect(decodeVoice(blob(header), empty)).rejects.toBeInstanceOf(EmptyAudioError);
  });

  it('refuses a silent recording with a message that says to check the microphone', async () => {
    const silent = async () => ({ sampleRate: 16000, channels: [noise(3, 16000, -65)] });
    const e = await decodeVoice(blob(fixture('speech/bob-map.wav')), silent).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SilentAudioError);
    expect(userMessageOf(e)).toMatch(/microphone/);
  });
});

describe('the built-in samples', () => {
  const sample = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../public/samples/${name}`, import.meta.url))));

  it('the sample voice is 20-30 s of real speech in under 1 MB of WAV', async () => {
    const bytes = sample('voice.wav');
    expect(bytes.length).toBeLessThan(1 << 20);
    const v = await decodeVoice(new Blob([bytes as Uint8Array<ArrayBuffer>]), async (b) => decodeWav(b));
    expect(v.seconds).toBeGreaterThan(20);
    expect(v.seconds).toBeLessThan(30);
    expect(loudSeconds(v.audio.channels[0]!, v.audio.sampleRate)).toBeGreaterThan(15);
  });
});
