/**
 * The studio as a person uses it: the sample in one click, a real photo and a
 * real voice dropped in, live preview, explain mode, export with progress,
 * cancel, download, and the project back after a reload. Every MP4 goes
 * through Debian's ffprobe; every request is recorded and none may leave the
 * origin. Screenshots of each main state are written to test-results/studio/.
 *
 * Perception runs on WASM here (the engine choice in Diagnostics, stored in
 * localStorage): on SwiftShader's emulated WebGPU the analysis takes a minute,
 * on WASM a quarter of that, and the studio's behaviour does not depend on it.
 * Rendering is WebGPU either way. Exports cover 2 s of the voice (the "Part to
 * export" control): SwiftShader draws about one 512² frame a second.
 */
import type { Page } from '@playwright/test';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { decodeErrors, ffprobe, rate, type ProbeStream } from '../unit/encode/media-probe.ts';
import { expect, test } from './request-log.ts';
import { dragOnExpression } from './timeline-helpers.ts';

const OUT = 'test-results/studio';
mkdirSync(OUT, { recursive: true });
const MEDIA = '../shared/media';
const realPhoto = join(MEDIA, 'photos/sadtalker_people_0.png');
const realVoice = join(MEDIA, 'audio/sadtalker_RD_Radio31_000.wav');
// The rule: developer media when this machine has it, otherwise the shippable sample, dropped in as files.
const hasMedia = existsSync(realPhoto) && existsSync(realVoice);
const droppedPhoto = hasMedia ? realPhoto : 'public/samples/astronaut.png';
const droppedVoice = hasMedia ? realVoice : 'public/samples/voice.wav';
const droppedSeconds = hasMedia ? '8.0 s' : '26.7 s';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 720 } });
test.setTimeout(600_000);

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('vivify.backend', 'wasm'));
});

/** A viewport screenshot, scrolled to the top or to what the state is about. */
async function shot(page: Page, name: string, focus?: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  if (focus) await page.getByTestId(focus).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
}

/** Waits until the photo is analysed and rigged and the voice has a motion track. */
async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('preview-canvas')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('timeline')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('export')).toBeEnabled({ timeout: 60_000 });
}

async function exportPart(page: Page, seconds: number): Promise<void> {
  await page.getByTestId('resolution').selectOption('512');
  await page.getByTestId('format').selectOption('mp4');
  await page.getByTestId('range-part').check();
  await page.getByTestId('range-start').fill('0');
  await page.getByTestId('range-start').dispatchEvent('change');
  await page.getByTestId('range-end').fill(String(seconds));
  await page.getByTestId('range-end').dispatchEvent('change');
}

const streamOf = (streams: ProbeStream[], type: string) => streams.find((s) => s.codec_type === type);

function checkMp4(path: string, seconds: number, fps: number) {
  const probe = ffprobe(path);
  const v = streamOf(probe.streams, 'video')!;
  const a = streamOf(probe.streams, 'audio');
  expect(v.codec_name).toBe('h264');
  expect(Math.max(v.width!, v.height!)).toBe(512);
  expect(rate(v.avg_frame_rate)).toBeCloseTo(fps, 6);
  expect(Number(v.nb_frames)).toBe(Math.round(seconds * fps));
  expect(a?.codec_name).toBe('aac');
  expect(Math.abs(Number(v.duration) - Number(a!.duration))).toBeLessThanOrEqual(1 / fps);
  expect(Math.abs(Number(v.start_time) - Number(a!.start_time))).toBeLessThanOrEqual(1 / fps);
  expect(decodeErrors(path)).toBe('');
  return { v, a };
}

/** Preview pixels: the canvas must show a picture, not a blank. */
async function previewStddev(page: Page): Promise<number> {
  return page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => {
    const g = c.getContext('2d')!;
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let s = 0, s2 = 0, n = 0;
    for (let i = 0; i < d.length; i += 16) { s += d[i]!; s2 += d[i]! * d[i]!; n++; }
    return Math.sqrt(s2 / n - (s / n) ** 2);
  });
}

test('the sample: one click, preview, explain mode, export with progress, download an MP4 with audio', async ({ page, requests, baseURL }) => {
  await page.goto('/');
  await expect(page.getByTestId('try-sample')).toBeVisible();
  await shot(page, '1-empty');

  await page.getByTestId('try-sample').click();
  await waitReady(page);
  await expect.poll(() => previewStddev(page), { timeout: 60_000 }).toBeGreaterThan(20);
  await expect(page.getByTestId('face-picker')).toBeVisible();
  await shot(page, '2-photo-analysed');

  // Play a moment: the playhead moves with the audio clock.
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(await page.getByTestId('scrub').inputValue()), { timeout: 30_000 }).toBeGreaterThan(0.5);
  await page.keyboard.press('Space');
  await page.getByTestId('explain-toggle').check();
  await page.waitForTimeout(1500);
  await shot(page, '3-preview-explain');

  await exportPart(page, 2);
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-progress')).toBeVisible();
  await expect(page.getByTestId('export-progress')).toContainText(/Frame [1-9]/, { timeout: 120_000 });
  await shot(page, '4-exporting', 'export-progress');
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 300_000 });
  await shot(page, '5-done', 'export-done');

  const download = page.waitForEvent('download');
  await page.getByTestId('download').click();
  const file = await download;
  const path = join(OUT, 'sample.mp4');
  await file.saveAs(path);
  checkMp4(path, 2, 25);

  // An edit on the timeline: happy from 1 s to 2.5 s. It is part of the project.
  await page.getByTestId('timeline').scrollIntoViewIfNeeded();
  await dragOnExpression(page, 1, 2.5);
  await page.getByRole('dialog').getByRole('button', { name: 'Happy' }).click();
  const chips = page.locator('.edits li');
  await expect(chips).toHaveText(['Happy 70%, 1.0 s – 2.5 s']);
  await page.evaluate(() => (globalThis as unknown as { vivifyStudio: { flush(): Promise<void> } }).vivifyStudio.flush());

  // Reload: the project comes back by itself, photo, voice, settings and edit.
  await page.reload();
  await waitReady(page);
  await expect(chips).toHaveText(['Happy 70%, 1.0 s – 2.5 s']);
  await expect(page.getByTestId('voice-status')).toContainText('LibriVox sample voice');
  await expect(page.getByTestId('resolution')).toHaveValue('512');
  // The same studio on a 1920×1080 screen, explain mode on.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('explain-toggle').check();
  await page.waitForTimeout(1500);
  await shot(page, '8-studio-1920');

  expect(requests.offOrigin(new URL(baseURL!).origin)).toEqual([]);
});

test('cancel mid-export leaves nothing behind, and the next export works', async ({ page, requests, baseURL }) => {
  await page.goto('/');
  await page.getByTestId('try-sample').click();
  await waitReady(page);
  await exportPart(page, 3);
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-progress')).toContainText(/Frame [3-9]/, { timeout: 120_000 });
  await page.getByTestId('cancel-export').click();
  await expect(page.getByTestId('export-cancelled')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('download')).toHaveCount(0);
  const stats = await page.evaluate(() => (globalThis as unknown as { vivify: { encode: { stats(): Promise<{ liveFrames: number; active: boolean; openEncoders: number; framesInHand: number }> } } }).vivify.encode.stats());
  expect(stats).toMatchObject({ liveFrames: 0, active: false, openEncoders: 0, framesInHand: 0 });

  await exportPart(page, 1);
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 300_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('download').click();
  const path = join(OUT, 'after-cancel.mp4');
  await (await download).saveAs(path);
  checkMp4(path, 1, 25);
  expect(requests.offOrigin(new URL(baseURL!).origin)).toEqual([]);
});

test('a real photo and real speech dropped into the page', async ({ page, requests, baseURL }) => {
  await page.goto('/');
  await page.getByTestId('photo-file').setInputFiles(droppedPhoto);
  await page.getByTestId('voice-file').setInputFiles(droppedVoice);
  await waitReady(page);
  await expect(page.getByTestId('voice-status')).toContainText(droppedSeconds);
  await exportPart(page, 2);
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 300_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('download').click();
  const path = join(OUT, 'real.mp4');
  await (await download).saveAs(path);
  checkMp4(path, 2, 25);
  if (hasMedia) await shot(page, '6-real-photo'); // developer media stays out of shared screenshots
  expect(requests.offOrigin(new URL(baseURL!).origin)).toEqual([]);
});

/** A valid PNG of flat colour (no person anywhere). */
function flatPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const t = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(t));
    return Buffer.concat([len, t, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([90 + (x % 40), 140, 200 - (y % 60)], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('bad input gets an inline message and the studio stays usable', async ({ page, requests, baseURL }) => {
  await page.goto('/');
  const photoError = page.getByTestId('photo-error');
  const voiceError = page.getByTestId('voice-error');
  const photo = (name: string, mimeType: string, buffer: Buffer) => page.getByTestId('photo-file').setInputFiles({ name, mimeType, buffer });
  const voice = (name: string, mimeType: string, buffer: Buffer) => page.getByTestId('voice-file').setInputFiles({ name, mimeType, buffer });

  // Unsupported file.
  await photo('notes.txt', 'text/plain', Buffer.from('these are my notes, not a photo'));
  await expect(photoError).toContainText(/JPEG|PNG/);
  // Corrupt image: a PNG cut off after its header.
  const png = flatPng(64, 64);
  await photo('broken.png', 'image/png', png.subarray(0, 60));
  await expect(photoError).toBeVisible();
  const corruptText = await photoError.textContent();
  expect(corruptText).toMatch(/damaged|could not be read|corrupt|decode/i);
  // Huge image: a header that claims 30000 × 30000.
  const huge = Buffer.from(png);
  huge.writeUInt32BE(30000, 16);
  huge.writeUInt32BE(30000, 20);
  await photo('huge.png', 'image/png', huge);
  await expect(photoError).toContainText(/30000|too large|megapixel/i);
  // No face: a real image with no person.
  await photo('sky.png', 'image/png', flatPng(320, 240));
  await expect(page.getByText(/No face was found/)).toBeVisible({ timeout: 120_000 });

  // Corrupt audio, unsupported audio, silent audio.
  await voice('garbage.wav', 'audio/wav', Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEjunkjunkjunk'));
  await expect(voiceError).toBeVisible({ timeout: 30_000 });
  await voice('notes.txt', 'text/plain', Buffer.from('not audio at all'));
  await expect(voiceError).toContainText(/audio/i);
  await voice('silence.flac', 'audio/flac', (await import('node:fs')).readFileSync('tests/fixtures/speech/formats/silence-10s.flac'));
  await expect(voiceError).toContainText(/silen|no speech|quiet/i, { timeout: 30_000 });
  await shot(page, '7-bad-input');

  // Still usable: the sample goes through.
  await page.getByTestId('photo-sample').click();
  await page.getByTestId('voice-sample').click();
  await waitReady(page);
  await expect(photoError).toHaveCount(0);
  expect(requests.offOrigin(new URL(baseURL!).origin)).toEqual([]);
});
