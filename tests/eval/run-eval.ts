/**
 * `npm run eval -- --photos DIR --audio DIR [--out DIR] [--size 512] [--seconds 20]`
 *
 * Renders every photo × audio pair (or the pairs named with --pairs
 * photo:audio,…) through the built app in Debian's Chromium, measures every
 * output frame with the face landmark model, and writes:
 *   OUT/eval.json    every figure per pair (and the thresholds' verdicts)
 *   OUT/report.html  plots: mouth opening vs speech energy, head motion, a frame strip
 * and prints a summary table. `--video FILE` (repeatable) adds real talking
 * videos, measured the same way, as a reference. `--assert` exits non-zero
 * when a pair misses the acceptance thresholds.
 *
 * Other options: --fps 25, --seed 1, --backend wasm|webgpu|auto (perception
 * models only; rendering is always WebGPU), --port 4175, --dist dist (the build
 * to serve), --lips (also write OUT/lips.json: every frame's lip distances, for
 * tuning articulation against a real speaker).
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { preview } from 'vite';
import { checkThresholds, evaluate, lipDistances, type EvalFigures, type EvalRecording } from '../../src/eval/metrics/index.ts';
import { htmlReport, summaryTable } from '../../src/eval/report/index.ts';
import type { BackendPreference } from '../../src/runtime/backend-choice.ts';
import { chromiumLaunchOptions } from '../chromium.ts';
import { DEFAULT_PAIR, recordInPage, toEvalRecording } from './record-in-page.ts';
import { videoRecording } from './video-recording.ts';

const PHOTO_EXT = new Set(['.png', '.jpg', '.jpeg', '.webp']);
const AUDIO_EXT = new Set(['.wav', '.mp3', '.m4a', '.ogg', '.opus', '.flac']);

const { values } = parseArgs({
  options: {
    photos: { type: 'string' },
    audio: { type: 'string' },
    pairs: { type: 'string' },
    video: { type: 'string', multiple: true },
    out: { type: 'string', default: 'eval-results' },
    size: { type: 'string', default: String(DEFAULT_PAIR.size) },
    seconds: { type: 'string', default: String(DEFAULT_PAIR.seconds) },
    fps: { type: 'string', default: String(DEFAULT_PAIR.fps) },
    seed: { type: 'string', default: String(DEFAULT_PAIR.seed) },
    backend: { type: 'string', default: DEFAULT_PAIR.backend },
    port: { type: 'string', default: '4175' },
    dist: { type: 'string', default: 'dist' },
    assert: { type: 'boolean', default: false },
    lips: { type: 'boolean', default: false },
  },
});

const filesIn = (dir: string, ext: Set<string>) =>
  readdirSync(dir)
    .filter((f) => ext.has(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(dir, f));
const short = (path: string) => basename(path, extname(path)).replace(/^(sadtalker|echomimic|liveportrait)_/, '');

function pairsToRun(): [string, string][] {
  if (values.pairs) {
    return values.pairs.split(',').map((p) => {
      const [photo, audio] = p.split(':');
      if (!photo || !audio) throw new Error(`--pairs wants photo:audio,…, got "${p}"`);
      return [resolve(values.photos ?? '.', photo), resolve(values.audio ?? '.', audio)];
    });
  }
  if (!values.photos || !values.audio) return [];
  const photos = filesIn(values.photos, PHOTO_EXT);
  const audios = filesIn(values.audio, AUDIO_EXT);
  return photos.flatMap((p) => audios.map((a): [string, string] => [p, a]));
}

async function main(): Promise<void> {
  const pairs = pairsToRun();
  const videos = values.video ?? [];
  if (!pairs.length && !videos.length) {
    console.error('nothing to evaluate: give --photos DIR --audio DIR (or --pairs), and/or --video FILE');
    process.exit(2);
  }
  const options = {
    ...DEFAULT_PAIR,
    size: Number(values.size),
    seconds: Number(values.seconds),
    fps: Number(values.fps),
    seed: Number(values.seed),
    backend: values.backend as BackendPreference,
  };
  const out = resolve(values.out!);
  mkdirSync(out, { recursive: true });
  const results: { recording: EvalRecording; figures: EvalFigures }[] = [];
  const failures: string[] = [];

  if (pairs.length) {
    const port = Number(values.port);
    const server = await preview({ build: { outDir: values.dist }, preview: { port, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
      // One page per photo: its analysis and rig are reused for each voice; model weights stay in IndexedDB.
      let page: Page | undefined;
      let pagePhoto = '';
      for (const [photo, audio] of pairs) {
        const name = `${short(photo)} × ${short(audio)}`;
        process.stderr.write(`eval: ${name}…\n`);
        try {
          if (!page || pagePhoto !== photo) {
            await page?.context().close();
            page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
            pagePhoto = photo;
            await page.goto(url);
          }
          const t0 = performance.now();
          const record = await recordInPage(page, photo, audio, options);
          const recording = toEvalRecording(name, record);
          recording.timings = { ...recording.timings, total: performance.now() - t0 };
          const figures = evaluate(recording);
          results.push({ recording, figures });
          for (const f of checkThresholds(figures)) failures.push(`${name}: ${f.message}`);
          // Written after every pair: a long run that is stopped keeps what it measured.
          writeFileSync(join(out, 'eval.json'), JSON.stringify({ options, results: results.map((r) => r.figures), failures, partial: true }, null, 2));
          process.stderr.write(`${summaryTable([{ name, figures }]).trimEnd().split('\n').at(-1)}\n`);
        } catch (e) {
          failures.push(`${name}: failed: ${e instanceof Error ? e.message : String(e)}`);
          process.stderr.write(`eval: ${name} failed: ${String(e)}\n`);
          await page?.context().close();
          page = undefined;
        }
      }
      await page?.context().close();
    } finally {
      await browser.close();
      await server.close();
    }
  }

  for (const video of videos) {
    process.stderr.write(`eval: video ${basename(video)}…\n`);
    const recording = await videoRecording(video, options.seconds);
    results.push({ recording, figures: evaluate(recording) });
  }

  writeFileSync(join(out, 'eval.json'), JSON.stringify({ options, results: results.map((r) => r.figures), failures }, null, 2));
  writeFileSync(join(out, 'report.html'), htmlReport(results));
  if (values.lips) {
    const lips = results.map(({ recording }) => ({ name: recording.name, fps: recording.fps, frames: recording.landmarks.map((p) => (p ? lipDistances(p) : null)) }));
    writeFileSync(join(out, 'lips.json'), JSON.stringify(lips));
  }
  console.log(summaryTable(results.map((r) => ({ name: r.figures.name, figures: r.figures }))));
  console.log(`\nwrote ${join(out, 'eval.json')} and ${join(out, 'report.html')}`);
  if (failures.length) {
    console.log(`\nthresholds missed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    if (values.assert) process.exit(1);
  }
}

await main();
