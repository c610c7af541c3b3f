/**
 * Export: encode-only throughput per backend and size, and peak memory for a
 * 1-minute against a 10-minute export.
 *
 * Throughput ("fps"): frames per second of wall time from the first frame
 * handed to the encode worker to the finished, fast-start MP4 in OPFS. It
 * includes encoding, muxing and file writes; for the ffmpeg.wasm path also the
 * RGBA read-back, the RGBA→I420 conversion and copying each segment into the
 * wasm heap. It excludes drawing (frames are a ring of 8 pre-drawn frames made
 * in the worker), loading ffmpeg.wasm (done in begin()), and audio. Short runs
 * (2 s of video at 30 fps; fewer frames for the slow fallback at 4K, where a
 * segment is 7 frames) keep the bench short; the figure is a rate, so longer
 * runs change it little.
 *
 * Memory: the sum of PSS (proportional set size, so shared pages are not
 * counted twice) over every process of a Chromium started for this (browser,
 * renderer, GPU, utilities), sampled every 250 ms from /proc during a real
 * export through the client (frames drawn on the page, transferred to the
 * worker), 512×512 at 30 fps, video only (audio is encoded up front and is
 * ~1 MB a minute; the driver's PCM is the caller's). Twice: with GC left to
 * V8, and with a full GC forced every 5 s. The first shows what a user's tab
 * peaks at, garbage included (V8 lets short-lived buffers pile up in the old
 * generation until its heuristics collect them); the second shows what the
 * export keeps alive, which is what must not grow with length. JS-heap-only
 * measures (measureUserAgentSpecificMemory alone) would miss VideoFrame and
 * encoder memory, which live outside the JS heap.
 */
import { chromium, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { chromiumLaunchOptions } from '../chromium.ts';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import type { BenchContext } from './run-bench.ts';
import type { BenchRow } from './table.ts';

const SIZES = [
  { label: '512×512', width: 512, height: 512 },
  { label: '1080p', width: 1920, height: 1080 },
  { label: '4K', width: 3840, height: 2160 },
] as const;

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const page = await ctx.appPage();
  // A crashed renderer would leave an evaluate pending forever; fail the bench instead.
  const crashed = new Promise<never>((_, reject) => page.on('crash', () => reject(new Error('renderer crashed'))));
  crashed.catch(() => undefined);
  const inPage = <T>(p: Promise<T>) => Promise.race([p, crashed]);

  for (const backend of ['webcodecs', 'ffmpeg'] as const) {
    for (const size of SIZES) {
      const frameCount = backend === 'ffmpeg' && size.label === '4K' ? 14 : 60;
      process.stderr.write(`  ${backend} ${size.label}…\n`);
      const r = await inPage(page.evaluate(
        ({ size, frameCount, forceFfmpeg }) =>
          (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify.encode.measureThroughput({
            format: 'mp4', width: size.width, height: size.height, fps: 30, frameCount, forceFfmpeg,
          }),
        { size, frameCount, forceFfmpeg: backend === 'ffmpeg' },
      ));
      rows.push({
        group: `encode ${backend}`,
        name: `H.264 ${size.label}`,
        value: r.fps,
        unit: 'fps',
        note: `${frameCount} frames, ${r.videoCodec}, ${(r.bytes / 1024).toFixed(0)} KiB`,
      });
    }
  }

  try {
    rows.push(...(await memoryRows(page.url())));
  } catch (e) {
    rows.push({ group: 'encode memory', name: 'FAILED', value: NaN, unit: '', note: String(e).slice(0, 120) });
  }
  await page.context().close();
  return rows;
}

async function memoryRows(appUrl: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const gc of ['natural', 'every 5 s'] as const) {
    const results: MemoryRun[] = [];
    for (const minutes of [1, 10]) results.push(await memoryRun(appUrl, minutes, gc === 'every 5 s'));
    const group = `encode memory, GC ${gc}`;
    for (const r of results) {
      rows.push({ group, name: `${r.minutes} min 512×512 peak PSS`, value: r.peak / 1024, unit: 'MiB', note: `+${((r.peak - r.base) / 1024).toFixed(0)} MiB over the idle app; ${r.seconds.toFixed(0)} s` });
    }
    const [one, ten] = results;
    rows.push({
      group,
      name: '10 min vs 1 min peak',
      value: ((ten!.peak - one!.peak) / one!.peak) * 100,
      unit: '%',
      note: gc === 'natural' ? 'includes garbage V8 has not collected yet' : 'acceptance (≤10%): memory the export keeps',
    });
  }
  return rows;
}

interface MemoryRun {
  minutes: number;
  /** KiB */
  peak: number;
  base: number;
  seconds: number;
}

/**
 * One export in a browser of its own: its processes are told apart from the
 * bench's shared browser, and each run starts from the same idle state. With
 * eager memory measurement, measureUserAgentSpecificMemory runs a full GC at
 * once instead of waiting for the next natural one.
 */
async function memoryRun(appUrl: string, minutes: number, forcedGc: boolean): Promise<MemoryRun> {
  const before = new Set(chromiumRoots());
  const options = chromiumLaunchOptions();
  const browser = await chromium.launch({ ...options, args: [...(options.args ?? []), '--enable-blink-features=ForceEagerMeasureMemory'] });
  try {
    const root = chromiumRoots().find((p) => !before.has(p));
    if (!root) throw new Error('could not find the Chromium process');
    const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
    await page.goto(appUrl);
    const base = await settledPss(root);
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, chromiumPss(root))), 250);
    const collector = forcedGc ? setInterval(() => void forceGc(page), 5000) : undefined;
    const t0 = Date.now();
    try {
      process.stderr.write(`  memory ${minutes} min, ${forcedGc ? 'forced' : 'natural'} GC…\n`);
      await exportSilent(page, minutes * 60);
    } finally {
      clearInterval(sampler);
      clearInterval(collector);
    }
    return { minutes, peak, base, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await browser.close();
  }
}

/** A full GC in the page and its workers, via the memory measurement the eager flag makes synchronous. */
async function forceGc(page: Page): Promise<void> {
  await page.evaluate(() => (performance as unknown as { measureUserAgentSpecificMemory(): Promise<unknown> }).measureUserAgentSpecificMemory()).catch(() => undefined);
}

/** Chromium processes that are direct children of this Node process (one per launched browser). */
function chromiumRoots(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid && readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('chrom');
      } catch {
        return false;
      }
    });
}

function exportSilent(page: Page, seconds: number) {
  return page.evaluate(async (seconds) => {
    const { encode } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
    const r = await encode.exportSynthetic({ format: 'mp4', width: 512, height: 512, fps: 30, seconds });
    return r.file.size;
  }, seconds);
}

/**
 * PSS in KiB summed over the Chromium processes this bench started: the
 * descendants of this Node process whose name starts with "chrom" (Playwright
 * spawns the browser as our child; tsx's esbuild service is left out).
 */
function chromiumPss(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      if (readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('chrom')) {
        const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
        total += Number(m?.[1] ?? 0);
      }
    } catch {
      // Gone, or not readable: count nothing.
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** PSS once the page has been idle a moment (the reload's own allocations settle). */
async function settledPss(root: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 2000));
  return chromiumPss(root);
}
