/**
 * Motion synthesis: speed as a multiple of real time, and peak memory for a
 * 1-minute against a 1-hour input.
 *
 * Memory is measured in fresh child processes (this file re-run with
 * `--motion-memory-probe SECONDS`), so one run's garbage cannot count against
 * the other. The hour is streamed: a generator loops the fixtures in 0.5 s
 * blocks, so at no point does an hour of samples, features or frames exist;
 * the consumer counts frames and drops them, as an encoder would.
 *
 * Two memory figures, because they answer different questions:
 * - live heap: heapUsed right after a forced full GC, every 10 s of audio.
 *   This is what synthesis actually holds, and what must stay flat.
 * - peak RSS: what the OS saw. V8 lets garbage pile up longer, and grows its
 *   heap, the longer a process allocates, so RSS rises over an hour even when
 *   the live heap does not (measured: live heap 6.5 MiB at every point of a
 *   25-minute run while RSS wandered 119–133 MiB).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AudioBlock } from '../../src/motion/audio-source.ts';
import { synthesise } from '../../src/motion/synthesise.ts';
import { decodeWav } from '../../src/motion/wav-decode.ts';
import type { BenchRow } from './table.ts';

const GROUP = 'motion';
const FIXTURES = ['librivox-austen', 'bob-map', 'mama-pie', 'palm-milk', 'five-vans', 'humble-ballad'];
const here = fileURLToPath(import.meta.url);

function speech(): Float32Array {
  const clips = FIXTURES.map((n) => decodeWav(readFileSync(fileURLToPath(new URL(`../fixtures/speech/${n}.wav`, import.meta.url)))).channels[0]!);
  const out = new Float32Array(clips.reduce((a, c) => a + c.length + 4800, 0));
  let at = 0;
  for (const c of clips) { out.set(c, at); at += c.length + 4800; } // 0.3 s pauses between
  return out;
}

/** `seconds` of looped 16 kHz speech, optionally as 48 kHz stereo (the resampling path), in 0.5 s blocks. */
function* looped(loop: Float32Array, seconds: number, stereo48k = false): Generator<AudioBlock> {
  const rate = stereo48k ? 48000 : 16000;
  const block = rate / 2;
  const total = Math.round(seconds * rate);
  for (let start = 0; start < total; start += block) {
    const n = Math.min(block, total - start);
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      // 48 kHz: hold each 16 kHz sample for three (crude, but the resampler's cost is what is measured).
      const k = stereo48k ? Math.floor((start + i) / 3) : start + i;
      x[i] = loop[k % loop.length]!;
    }
    yield { sampleRate: rate, channels: stereo48k ? [x, x] : [x] };
  }
}

async function run(seconds: number, stereo48k = false, onChunk?: () => void): Promise<{ frames: number; wall: number }> {
  const loop = speech();
  const t0 = performance.now();
  let frames = 0;
  for await (const c of synthesise({ kind: 'audio', source: looped(loop, seconds, stereo48k) }, { chunkSeconds: 2 })) {
    frames += c.frames.length;
    onChunk?.();
  }
  return { frames, wall: (performance.now() - t0) / 1000 };
}

interface ProbeResult {
  maxRssBytes: number;
  liveHeapPeak: number;
  wall: number;
}

/** Child-process side (run with --expose-gc): synthesise `seconds`, print peak RSS and peak live heap. */
async function probe(seconds: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory probe needs --expose-gc');
  let liveHeapPeak = 0;
  let n = 0;
  const sample = () => {
    gc();
    liveHeapPeak = Math.max(liveHeapPeak, process.memoryUsage().heapUsed);
  };
  // 5 chunks of 2 s: a sample every 10 s of audio, so the minute gets six and the hour 360.
  const { wall } = await run(seconds, false, () => ++n % 5 === 0 && sample());
  sample();
  const result: ProbeResult = { maxRssBytes: process.resourceUsage().maxRSS * 1024, liveHeapPeak, wall };
  process.stdout.write(JSON.stringify(result) + '\n');
}

function probeInChild(seconds: number): ProbeResult {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', here, '--motion-memory-probe', String(seconds)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ProbeResult;
}

export async function bench(): Promise<BenchRow[]> {
  await run(10); // warm the JIT so the timed runs measure steady state
  const mono = await run(120);
  const stereo = await run(120, true);
  const minute = probeInChild(60);
  const hour = probeInChild(3600);
  const mib = (b: number) => b / 2 ** 20;
  return [
    { group: GROUP, name: 'synthesis speed, 16 kHz mono', value: 120 / mono.wall, unit: '× real time', note: '120 s of looped speech, 25 fps, 2 s chunks' },
    { group: GROUP, name: 'synthesis speed, 48 kHz stereo', value: 120 / stereo.wall, unit: '× real time', note: 'includes downmix and resampling' },
    { group: GROUP, name: 'peak live heap, 1-minute input', value: mib(minute.liveHeapPeak), unit: 'MiB', note: 'after full GC, every 10 s of audio' },
    { group: GROUP, name: 'peak live heap, 1-hour input', value: mib(hour.liveHeapPeak), unit: 'MiB', note: `streamed; ${(3600 / hour.wall).toFixed(0)}× real time` },
    { group: GROUP, name: 'peak live heap ratio, hour / minute', value: hour.liveHeapPeak / minute.liveHeapPeak, unit: '×', note: 'target ≤ 1.10' },
    { group: GROUP, name: 'peak RSS, 1-minute input', value: mib(minute.maxRssBytes), unit: 'MiB', note: 'fresh process, includes Node + tsx' },
    { group: GROUP, name: 'peak RSS, 1-hour input', value: mib(hour.maxRssBytes), unit: 'MiB', note: 'V8 grows its heap over a long run' },
    { group: GROUP, name: 'peak RSS ratio, hour / minute', value: hour.maxRssBytes / minute.maxRssBytes, unit: '×' },
  ];
}

const probeAt = process.argv.indexOf('--motion-memory-probe');
if (probeAt > 0 && process.argv[1] === here) await probe(Number(process.argv[probeAt + 1]));
