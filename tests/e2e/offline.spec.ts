/**
 * Offline (issue #8): after one visit, with the network cut, the studio
 * opens cross-origin isolated, runs a model on ONNX Runtime's WASM, loads a
 * photo-analysis model it never loaded online, and exports through the
 * ffmpeg.wasm core, and no request leaves the origin at any point.
 *
 * Nothing is loaded during the online visit, so every engine and model used
 * offline must come from the service worker's precache (the model worker's
 * IndexedDB cache is empty: `source: 'network'` below is the worker's fetch,
 * answered by the service worker).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bundleClassicScript } from '../../build/pwa-plugin.ts';
import { PRECACHED_MODEL_IDS, precachedModelFiles } from '../../src/pwa/offline-models.ts';
import { MANIFEST_GLOBAL, revisionOf, type PrecacheManifest } from '../../src/pwa/precache-manifest.ts';
import type * as OfflineApi from '../../src/pwa/register.ts';
import type { OfflineStatus } from '../../src/pwa/register.ts';
import { parseManifest } from '../../src/runtime/model-manifest.ts';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import { expect, test } from './request-log.ts';

// Other specs may block service workers (they count fetches); this one is about them.
test.use({ serviceWorkers: 'allow' });

type WithConsole = { vivify: VivifyConsoleApi };
type WithOffline = { vivifyOffline: typeof OfflineApi; offlineSeen: OfflineStatus[] };

/**
 * src/pwa/register.ts as the app builds it, to be evaluated in the page: the
 * studio does not expose it (yet), and this tests the page-side API itself,
 * not a copy of its message protocol. DevTools evaluation is not subject to
 * the page's CSP, and the code needs no network.
 */
let offlineApiScript = '';
test.beforeAll(async () => {
  offlineApiScript = await bundleClassicScript(process.cwd(), 'src/pwa/register.ts', 'vivifyOffline');
});

function offlineStatus(page: Page): Promise<OfflineStatus> {
  return page.evaluate(() => (globalThis as unknown as WithOffline).vivifyOffline.offlineStatus());
}

const cacheNames = (page: Page) => page.evaluate(async () => (await caches.keys()).sort());

test('after one visit the studio animates models and exports with the network cut', async ({ page, context, requests, baseURL }) => {
  // One online visit, then photo analysis on WASM, rendering on SwiftShader and two exports, all on two cores.
  test.setTimeout(600_000);
  const origin = new URL(baseURL!).origin;
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} (${m.location().url})`));
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  // Perception on WASM (the Diagnostics choice): SwiftShader's emulated WebGPU would triple the analysis time.
  await page.addInitScript(() => localStorage.setItem('vivify.backend', 'wasm'));
  // A previous build's cache and someone else's: activation must delete the first and keep the second.
  await page.addInitScript(() => {
    void caches.open('vivify-offline-0123456789ab').then((c) => c.put('/stale.txt', new Response('old build')));
    void caches.open('not-vivify').then((c) => c.put('/other.txt', new Response('keep me')));
  });

  // First visit, online: the worker installs and takes control of the page.
  const visited = Date.now();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Vivify' })).toBeVisible();
  await page.evaluate(offlineApiScript);
  await page.evaluate(() => {
    const w = globalThis as unknown as WithOffline;
    w.offlineSeen = [];
    // The same script URL as the app's own call: the browser keeps the one registration.
    void w.vivifyOffline.registerServiceWorker();
    w.vivifyOffline.watchOfflineStatus((s) => w.offlineSeen.push(s));
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await expect.poll(() => offlineStatus(page), { timeout: 120_000 }).toMatchObject({ ready: true });
  const online = await offlineStatus(page);
  expect(online).toMatchObject({ installing: null, updateWaiting: false });
  expect(online.reason).toBeUndefined();
  const seen = await page.evaluate(() => (globalThis as unknown as WithOffline).offlineSeen);
  // The watcher heard the download (when it started after this script arrived) and then readiness.
  const progress = seen.flatMap((s) => (s.installing ? [s.installing] : []));
  for (const p of progress) expect(p.doneBytes).toBeLessThanOrEqual(p.totalBytes);
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as WithOffline).offlineSeen.at(-1)?.ready)).toBe(true);
  // The engines (~60 MB of wasm) and the default models (~48 MB) at least.
  expect(online.cachedBytes).toBeGreaterThan(100e6);
  const precacheBytes = progress.at(-1)?.totalBytes;
  expect(await cacheNames(page)).toEqual([`vivify-offline-${online.version}`, 'not-vivify'].sort());
  // Online, only the precached models were downloaded (by the worker's install): no variant was fetched ahead of use.
  const precachedModels = precachedModelFiles(parseManifest(JSON.parse(readFileSync('models/manifest.json', 'utf8'))), PRECACHED_MODEL_IDS).map((f) => `${origin}/models/${f}`);
  const modelFetches = requests.urls.filter((u) => u.endsWith('.onnx'));
  expect(modelFetches.filter((u) => !precachedModels.includes(u))).toEqual([]);
  test.info().annotations.push({ type: 'precache', description: `${(online.cachedBytes / 1e6).toFixed(1)} MB cached, version ${online.version}, ${progress.length} progress reports (of ${((precacheBytes ?? 0) / 1e6).toFixed(1)} MB), ready ${((Date.now() - visited) / 1000).toFixed(1)} s after the visit began` });

  await context.setOffline(true);
  // The cut is real for the service worker too: a model variant that is not precached cannot be had.
  const probe = '/models/pose_landmark_heavy.onnx';
  const notPrecached = await page.evaluate((url) => fetch(url).then((r) => `HTTP ${r.status}`, (e: unknown) => `failed: ${String(e)}`), probe);
  expect(notPrecached).toMatch(/^failed/);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Vivify' })).toBeVisible();
  for (const slot of ['photo', 'driver', 'preview', 'export']) await expect(page.getByTestId(`slot-${slot}`)).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // COOP/COEP came back from the cache with the page, so SharedArrayBuffer (threaded WASM) is still allowed.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  // A media element's range request is cut from the whole cached file.
  const iconBytes = readFileSync('public/icons/icon-512.png').length;
  const range = await page.evaluate(async () => {
    const r = await fetch('/icons/icon-512.png', { headers: { Range: 'bytes=1-3' } });
    return { status: r.status, body: await r.text(), contentRange: r.headers.get('content-range') };
  });
  expect(range).toEqual({ status: 206, body: 'PNG', contentRange: `bytes 1-3/${iconBytes}` });

  const selfTest = await page.evaluate(() => (globalThis as unknown as WithConsole).vivify.selfTest('wasm'));
  expect(selfTest.load.backend).toBe('wasm');
  expect(selfTest.load.source).toBe('network');
  expect(selfTest.scores).toHaveLength(4);

  const model = await page.evaluate(() => (globalThis as unknown as WithConsole).vivify.models.load('face_detection_short_range', { backend: 'wasm' }));
  expect(model.source).toBe('network');
  expect(model.inputNames).toEqual(['input']);

  const exported = await page.evaluate(async () => {
    const r = await (globalThis as unknown as WithConsole).vivify.encode.exportSynthetic({ format: 'mp4', width: 64, height: 64, fps: 10, seconds: 1, audioSeconds: 1, forceFfmpeg: true });
    return { bytes: r.file.size, video: r.videoBackend, audio: r.audioBackend, frames: r.frames };
  });
  expect(exported.video).toBe('ffmpeg');
  expect(exported.frames).toBe(10);
  expect(exported.bytes).toBeGreaterThan(1000);

  // The whole studio flow on the samples: analyse the photo, rig it, synthesise motion from the voice, render, export.
  const flow = await page.evaluate(async () => {
    const { vivify } = globalThis as unknown as WithConsole;
    const photo = await (await fetch('/samples/astronaut.png')).blob();
    const analysis = await vivify.pipeline.analysePhotoBlob(photo, { backend: 'wasm' });
    const rig = await vivify.pipeline.rigForFace(analysis, 0);
    await vivify.pipeline.loadIntoRenderer(photo, rig);
    const voice = await vivify.motion.decode(await (await fetch('/samples/voice.wav')).arrayBuffer());
    // Two copies of the first 2 s: synthesis takes its samples over (transfer), the export needs its own.
    const clip = () => ({ sampleRate: voice.sampleRate, channels: voice.channels.map((c) => c.slice(0, voice.sampleRate * 2)) });
    const track = await vivify.motion.synthesiseTrack(clip(), { fps: 10 });
    const jaw = track.frames.map((f) => f.blendshapes.jawOpen ?? 0);
    const open = track.frames[jaw.indexOf(Math.max(...jaw))]!;
    const opts = { width: 96, height: 96, background: 'photo' as const };
    const [a, b] = [await vivify.render.renderPixels(track.frames[0]!, opts), await vivify.render.renderPixels(open, opts)];
    let changed = 0;
    for (let i = 0; i < a.data.length; i += 4) if (Math.abs(a.data[i]! - b.data[i]!) > 8) changed++;
    const file = await vivify.pipeline.exportAnimation({ track, format: 'mp4', width: 96, height: 96, audio: clip(), name: 'offline' });
    return { faces: analysis.faces.length, frames: track.frames.length, maxJaw: Math.max(...jaw), changedPixels: changed, exported: { frames: file.frames, bytes: file.file.size } };
  });
  expect(flow.faces).toBeGreaterThan(0);
  expect(flow.frames).toBe(20);
  expect(flow.maxJaw, 'the voice opens the jaw').toBeGreaterThan(0.1);
  // The open-jaw frame differs from the first around the mouth: the face moves.
  expect(flow.changedPixels).toBeGreaterThan(20);
  expect(flow.exported.frames).toBe(20);
  expect(flow.exported.bytes).toBeGreaterThan(1000);
  test.info().annotations.push({ type: 'offline flow', description: JSON.stringify(flow) });

  // And as a person does it, still offline: the sample in one click, then an export from the Export panel.
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('export')).toBeEnabled({ timeout: 240_000 });
  await page.getByTestId('resolution').selectOption('512');
  await page.getByTestId('range-part').check();
  await page.getByTestId('range-end').fill('0.4');
  await page.getByTestId('range-end').dispatchEvent('change');
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('download')).toHaveAttribute('href', /^blob:/);

  await page.evaluate(offlineApiScript);
  const after = await offlineStatus(page);
  expect(after).toMatchObject({ ready: true, version: online.version });
  expect(after.cachedBytes).toBeGreaterThanOrEqual(online.cachedBytes);
  expect(requests.offOrigin(origin)).toEqual([]);
  // The probe's failure is the one error expected: Chromium logs every failed fetch.
  expect(consoleErrors.filter((e) => !e.includes(`${origin}${probe})`))).toEqual([]);
});

test('a new build installs beside the old one, copies unchanged files, and takes over when asked', async ({ page, requests }) => {
  // "Deploys" a next build into the served folder: sw.js with another version and one new file. Restored after.
  const dist = process.env.VIVIFY_E2E_DIST ?? 'dist';
  const swPath = join(dist, 'sw.js');
  const newFile = 'offline-update-probe.txt';
  const original = readFileSync(swPath, 'utf8');
  const prefix = `self.${MANIFEST_GLOBAL}=`;
  const split = original.indexOf(';\n');
  expect(original.startsWith(prefix) && split > 0, 'sw.js starts with its manifest').toBe(true);
  const current = JSON.parse(original.slice(prefix.length, split)) as PrecacheManifest;
  try {
    await page.goto('/');
    await page.evaluate(offlineApiScript);
    await expect.poll(() => offlineStatus(page), { timeout: 120_000 }).toMatchObject({ ready: true, version: current.version });

    const body = new TextEncoder().encode(`a file only the next build has, ${Date.now()}`);
    writeFileSync(join(dist, newFile), body);
    const next: PrecacheManifest = { version: 'feedface0001', entries: [...current.entries, { url: newFile, rev: await revisionOf(body), bytes: body.length }] };
    writeFileSync(swPath, `${prefix}${JSON.stringify(next)}${original.slice(split)}`);
    const sent = requests.urls.length;
    await page.evaluate(async () => void (await navigator.serviceWorker.getRegistration())?.update());

    // The next build waits while this page runs the old one; both caches exist meanwhile.
    await expect.poll(() => offlineStatus(page), { timeout: 120_000 }).toMatchObject({ updateWaiting: true, ready: true, version: current.version });
    expect(await cacheNames(page)).toEqual([`vivify-offline-${current.version}`, 'vivify-offline-feedface0001']);
    const duringUpdate = requests.urls.slice(sent);
    // Only what changed came over the network: the new file once, none of the ~110 MB of wasm and models again.
    expect(duringUpdate.filter((u) => u.endsWith(`/${newFile}`))).toHaveLength(1);
    expect(duringUpdate.filter((u) => /\.(wasm|onnx)$/.test(u))).toEqual([]);

    await Promise.all([page.waitForEvent('load'), page.evaluate(() => (globalThis as unknown as WithOffline).vivifyOffline.applyUpdate())]);
    await page.evaluate(offlineApiScript);
    await expect.poll(() => offlineStatus(page)).toMatchObject({ ready: true, version: 'feedface0001', updateWaiting: false });
    expect(await cacheNames(page)).toEqual(['vivify-offline-feedface0001']);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  } finally {
    writeFileSync(swPath, original);
    rmSync(join(dist, newFile), { force: true });
  }
});
