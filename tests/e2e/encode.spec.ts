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
import { unzipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
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
  // The encoder may pick a lower level than asked (OpenH264 does), never a higher one.
  expect(v.level).toBeLessThanOrEqual(30);
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


test('WebM VP9 with alpha decodes with an alpha plane, and the transparent corner is transparent', async ({ page }) => {
  const o: SyntheticExport = { format: 'webm-alpha', width: 256, height: 192, fps: 30, seconds: 1, audioSeconds: 1, transparentCorner: true };
  const { path, meta } = await exportToDisk(page, o, 'alpha.webm');
  // 256×192 is 49 152 luma samples, over level 1.0's 36 864: level 1.1.
  expect(meta.videoCodec).toBe('vp09.00.11.08');
  const probe = ffprobe(path);
  const v = streamOf(probe.streams, 'video')!;
  expect(v.codec_name).toBe('vp9');
  expect([v.width, v.height]).toEqual([o.width, o.height]);
  expect(rate(v.r_frame_rate)).toBeCloseTo(o.fps, 6);
  expect(v.tags?.alpha_mode ?? v.tags?.ALPHA_MODE).toBe('1');
  expect(streamOf(probe.streams, 'audio')?.codec_name).toBe('opus');
  // ffmpeg's native vp9 decoder ignores alpha; libvpx-vp9 reads the BlockAdditions stream.
  expect(decodeErrors(path, ['-c:v', 'libvpx-vp9'])).toBe('');
  const rgba = execFileSync('ffmpeg', ['-v', 'error', '-c:v', 'libvpx-vp9', '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 1 << 26 });
  const alphaAt = (x: number, y: number) => rgba[(y * o.width + x) * 4 + 3]!;
  // Inside the cleared quarter (away from its edge, where 4:2:0 and VP9 blur the step): fully transparent.
  for (const [x, y] of [[4, 4], [o.width / 8, o.height / 8], [o.width / 4 - 6, o.height / 4 - 6]]) expect(alphaAt(x!, y!)).toBe(0);
  // Everywhere else: opaque.
  for (const [x, y] of [[o.width - 4, 4], [o.width / 2, o.height / 2], [4, o.height - 4]]) expect(alphaAt(x!, y!)).toBe(255);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-c:v', 'libvpx-vp9', '-i', path, '-frames:v', '1', join(OUT, 'alpha-frame0.png')]);
});

test('PNG sequence zip holds one PNG per frame, with alpha', async ({ page }) => {
  const o: SyntheticExport = { format: 'png-zip', width: 128, height: 96, fps: 10, seconds: 1, transparentCorner: true };
  const { bytes, meta } = await exportToDisk(page, o, 'frames.zip');
  expect(meta.mimeType).toBe('application/zip');
  const files = unzipSync(bytes);
  const names = Object.keys(files).sort();
  expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `frame_${String(i).padStart(6, '0')}.png`));
  const first = join(OUT, names[0]!);
  writeFileSync(first, files[names[0]!]!);
  const s = ffprobe(first).streams[0]!;
  expect([s.codec_name, s.width, s.height, s.pix_fmt]).toEqual(['png', o.width, o.height, 'rgba']);
});
