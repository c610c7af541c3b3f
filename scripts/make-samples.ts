/**
 * Makes the studio's built-in samples in public/samples/, the "one click
 * shows a result" inputs:
 *   - astronaut.png: scikit-image's astronaut (Eileen Collins, NASA, public
 *     domain), the same file the rig acceptance tests measure, copied as is;
 *   - voice.wav: five consecutive LibriVox sentences (Sense and Sensibility,
 *     chapter 1, public domain) from Debian's pocketsphinx-testdata, joined in
 *     reading order with 0.5 s pauses: ~27 s of one real voice, long enough
 *     to show head motion, blinks and gestures, not just lip sync;
 *   - NOTICE.txt: where both come from and their licences.
 *
 * The voice stays 16 kHz mono 16-bit WAV, as recorded: every browser decodes
 * WAV without a codec, it is under 1 MB, and re-encoding would only add
 * artefacts to a 64 kb/s source. One gain for all clips (peak at -3 dBFS)
 * keeps the reader's natural level changes; 10 ms fades stop clicks at the joins.
 *
 * Needs: apt-get install pocketsphinx-testdata. Usage: npx tsx scripts/make-samples.ts
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '../src/motion/wav-decode.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'samples');
const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox';
const CLIPS = ['0870', '0880', '0890', '0920', '0930'].map((n) => `sense_and_sensibility_01_austen_64kb-${n}`);
const GAP_SECONDS = 0.5;
const FADE_SECONDS = 0.01;
const PEAK = 10 ** (-3 / 20);

function pcm16Wav(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const v = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  text(0, 'RIFF'); v.setUint32(4, bytes.length - 8, true); text(8, 'WAVE');
  text(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true); v.setUint32(28, sampleRate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
  text(36, 'data'); v.setUint32(40, samples.length * 2, true);
  samples.forEach((x, i) => v.setInt16(44 + 2 * i, Math.round(Math.max(-1, Math.min(1, x)) * 32767), true));
  return bytes;
}

function makeVoice(): { wav: Uint8Array; seconds: number } {
  if (!existsSync(LIBRIVOX)) throw new Error(`${LIBRIVOX} is missing: apt-get install pocketsphinx-testdata`);
  const clips = CLIPS.map((c) => decodeWav(readFileSync(join(LIBRIVOX, `${c}.wav`))));
  const rate = clips[0]!.sampleRate;
  if (clips.some((c) => c.sampleRate !== rate || c.channels.length !== 1)) throw new Error('clips differ in rate or channels');
  const gap = Math.round(GAP_SECONDS * rate);
  const fade = Math.round(FADE_SECONDS * rate);
  const total = clips.reduce((n, c) => n + c.channels[0]!.length, 0) + gap * (clips.length - 1);
  const joined = new Float32Array(total);
  let at = 0;
  for (const clip of clips) {
    const s = clip.channels[0]!;
    for (let i = 0; i < s.length; i++) {
      const edge = Math.min(i, s.length - 1 - i);
      joined[at + i] = s[i]! * Math.min(1, edge / fade);
    }
    at += s.length + gap;
  }
  const peak = joined.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  const gain = PEAK / peak;
  for (let i = 0; i < joined.length; i++) joined[i]! *= gain;
  return { wav: pcm16Wav(joined, rate), seconds: total / rate };
}

const NOTICE = `Vivify's built-in samples

astronaut.png
  Eileen Collins, NASA astronaut, official portrait (NASA, public domain), as
  distributed with scikit-image (skimage.data.astronaut, "No known copyright
  restrictions", https://commons.wikimedia.org/wiki/File:Eileen_Collins.jpg).

voice.wav
  Five consecutive sentences of a LibriVox reading of Jane Austen's "Sense and
  Sensibility", chapter 1 (LibriVox recordings are in the public domain),
  joined with 0.5 s pauses and one overall gain by scripts/make-samples.ts.
  The clips come from Debian's pocketsphinx-testdata package
  (/usr/share/pocketsphinx/test/data/librivox/, CMU Sphinx, BSD-2-Clause
  packaging): sense_and_sensibility_01_austen_64kb-0870, -0880, -0890, -0920,
  -0930.
  Text: "And Mister John Dashwood had then leisure to consider how much there
  might be prudently in his power to do for them. He was not an ill-disposed
  young man, unless to be rather cold-hearted and rather selfish is to be
  ill-disposed. Had he married a more amiable woman, he might have been made
  still more respectable than he was; he might even have been made amiable
  himself."
`;

mkdirSync(out, { recursive: true });
copyFileSync(join(root, 'tests', 'fixtures', 'analyse', 'astronaut.png'), join(out, 'astronaut.png'));
const voice = makeVoice();
writeFileSync(join(out, 'voice.wav'), voice.wav);
writeFileSync(join(out, 'NOTICE.txt'), NOTICE);
console.log(`public/samples: astronaut.png, voice.wav (${voice.seconds.toFixed(1)} s, ${(voice.wav.length / 1024).toFixed(0)} KiB), NOTICE.txt`);
