/**
 * Export, end to end in Chromium: the synthetic pattern goes through the real
 * client and encode worker, the bytes come back to Node, and Debian's ffprobe
 * and ffmpeg judge them. Sizes are small on purpose: the encoders are the
 * same code at every size, and this machine has two cores.
 */
import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportResult } from '../../src/encode/export-options.ts';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import type { SyntheticExport } from '../../src/studio/encode-client.ts';
import { readBarcode } from '../../src/encode/synthetic-frames.ts';
import { decodeErrors, decodeLuma, ffprobe, rate, topLevelBoxes, type ProbeStream } from '../unit/encode/media-probe.ts';
import { expect, test } from './request-log.ts';

const OUT = join('test-results', 'encode');
mkdirSync(OUT, { recursive: true });

type Meta = Omit<ExportResult, 'file'> & { size: number };

/** Runs a synthetic export in the page and writes the file under test-results/encode/. */
async function exportToDisk(page: Page, o: SyntheticExport, name: string): Promise<{ path: string; bytes: Uint8Array; meta: Meta }> {
  const { b64, meta } = await page.evaluate(async (opts) => {
    const { encode } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
    const r = await encode.exportSynthetic(opts);
    const url: string = await new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsDataURL(r.file);
    });
    const { file, ...rest } = r;
    return { b64: url.slice(url.indexOf(',') + 1), meta: { ...rest, size: file.size } };
  }, o);
  const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
  const path = join(OUT, name);
  writeFileSync(path, bytes);
  return { path, bytes, meta };
}

const streamOf = (streams: ProbeStream[], type: string) => streams.find((s) => s.codec_type === type);

/** The acceptance checks every MP4 must pass, whichever backend made it. */
function checkMp4(path: string, bytes: Uint8Array, o: SyntheticExport) {
  const frame = 1 / o.fps;
  const probe = ffprobe(path);
  const v = streamOf(probe.streams, 'video')!;
  const a = streamOf(probe.streams, 'audio')!;
  expect(v.codec_name).toBe('h264');
  expect(v.profile).toBe('High');
  expect(v.width).toBe(o.width);
  expect(v.height).toBe(o.height);
  expect(rate(v.avg_frame_rate)).toBeCloseTo(o.fps, 6);
  expect(rate(v.r_frame_rate)).toBeCloseTo(o.fps, 6);
  expect(Number(v.nb_frames)).toBe(Math.round(o.seconds * o.fps));
  expect(a.codec_name).toBe('aac');
  expect(Math.abs(Number(v.duration) - Number(a.duration))).toBeLessThanOrEqual(frame);
  expect(Math.abs(Number(v.duration) - o.seconds)).toBeLessThanOrEqual(frame);
  expect(Math.abs(Number(v.start_time) - Number(a.start_time))).toBeLessThanOrEqual(frame);
  // Fast start: the index comes before the media, so players start before the download ends.
  const boxes = topLevelBoxes(bytes);
  expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
  expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  expect(decodeErrors(path)).toBe('');
  // Every frame arrives once, in order: the pattern's barcode counts 0, 1, 2, …
  const frames = decodeLuma(path, o.width, o.height);
  expect(frames.map((f) => readBarcode(f, o.width, o.height))).toEqual(frames.map((_, i) => i));
  return { v, a, probe };
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('MP4 from WebCodecs H.264 + ffmpeg.wasm AAC passes ffprobe, is fast-start and in sync, and fetches nothing off-origin', async ({ page, requests, baseURL }) => {
  const o: SyntheticExport = { format: 'mp4', width: 480, height: 272, fps: 30, seconds: 2, audioSeconds: 2.5 };
  const { path, bytes, meta } = await exportToDisk(page, o, 'webcodecs.mp4');
  expect(meta.videoBackend).toBe('webcodecs');
  // Debian's Chromium has no AAC encoder: the ffmpeg.wasm audio path is the one exercised here.
  expect(meta.audioBackend).toBe('ffmpeg');
  expect(meta.videoCodec).toBe('avc1.64001e');
  const { v } = checkMp4(path, bytes, o);
  test.info().annotations.push({ type: 'mp4 webcodecs', description: `${bytes.length} B, level ${v.level}, ${meta.seconds.toFixed(2)} s` });
  expect(requests.offOrigin(new URL(baseURL!).origin)).toEqual([]);
  expect(requests.urls.some((u) => /ffmpeg-core-[\w-]+\.wasm$/.test(u))).toBe(true);
});

test('MP4 from the full ffmpeg.wasm fallback (libx264 + AAC) passes the same checks', async ({ page, requests, baseURL }) => {
  const o: SyntheticExport = { format: 'mp4', width: 320, height: 240, fps: 25, seconds: 2.4, audioSeconds: 3, audioChannels: 2, forceFfmpeg: true };
  const { path, bytes, meta } = await exportToDisk(page, o, 'ffmpeg-fallback.mp4');
  expect(meta.videoBackend).toBe('ffmpeg');
  expect(meta.audioBackend).toBe('ffmpeg');
  expect(meta.fallbacks.join(' ')).toContain('forced');
  const { a } = checkMp4(path, bytes, o);
  expect(a.channels).toBe(2);
  expect(requests.offOrigin(new URL(baseURL!).origin)).toEqual([]);
});
