/**
 * The studio's input components in a real Chromium, mounted on a harness
 * page: the app shell does not place them yet, so this spec serves its own
 * page from a Vite dev server (ephemeral port, own cache) with the components
 * mounted side by side, and records what each hands over.
 *
 * Chromium's fake camera and microphone stand in for real ones, so the
 * webcam snapshot and the recorder run their real code paths.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { chromiumLaunchOptions } from '../chromium.ts';

const HARNESS = `
import { mount, unmount } from 'svelte';
import '/src/studio/theme.css';
import PhotoInput from '/src/studio/inputs/PhotoInput.svelte';
import VoiceInput from '/src/studio/inputs/VoiceInput.svelte';
import FacePicker from '/src/studio/inputs/FacePicker.svelte';
import ProjectList from '/src/studio/projects/ProjectList.svelte';
import { decodeVoice } from '/src/studio/inputs/voice-intake.ts';
import { decodeInBrowser } from '/src/motion/browser-decode.ts';
import { newProject, projectStore } from '/src/studio/projects/project-store.ts';
import { indexedDbStore } from '/src/runtime/key-value-store.ts';
import { userMessageOf } from '/src/contracts/errors.ts';

const events = [];
const slots = {};
function place(id, Component, props) {
  if (slots[id]) unmount(slots[id]);
  slots[id] = mount(Component, { target: document.getElementById(id), props });
}
async function size(blob) {
  const b = await createImageBitmap(blob);
  const s = { width: b.width, height: b.height };
  b.close();
  return s;
}
window.harness = {
  events,
  photo: (extra = {}) => place('photo', PhotoInput, {
    onphoto: async (blob, origin) => events.push({ kind: 'photo', origin, name: blob.name, type: blob.type, bytes: blob.size, ...(await size(blob)) }),
    ...extra,
  }),
  voice: (extra = {}) => place('voice', VoiceInput, {
    onvoice: async (blob, origin, name) => {
      window.harness.lastVoice = blob;
      events.push({ kind: 'voice', origin, name, type: blob.type, bytes: blob.size });
    },
    ...extra,
  }),
  faces(props) {
    // Reactive props, as a parent component would pass them: selecting re-renders in place and focus stays.
    const state = $state({ ...props, onselect: (i) => (state.selected = i) });
    place('faces', FacePicker, state);
  },
  projects: (props) => place('projects', ProjectList, props),
  async check(blob) {
    try {
      const v = await decodeVoice(blob, decodeInBrowser);
      return { ok: true, type: v.type, seconds: v.seconds };
    } catch (e) {
      return { ok: false, name: e.name, message: userMessageOf(e) };
    }
  },
  store: projectStore(indexedDbStore('vivify-projects', 'projects')),
  newProject,
};
document.body.dataset.ready = 'yes';
`;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Inputs</title>
<style>
  main { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 1rem; padding: 1rem; max-width: 1280px; }
  section { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem; }
  h2 { color: var(--accent); font-size: 1.05rem; margin: 0 0 0.6rem; }
</style></head><body><main>
<section aria-label="Photo"><h2>Photo</h2><div id="photo"></div></section>
<section aria-label="Voice"><h2>Voice</h2><div id="voice"></div></section>
<section aria-label="Projects"><div id="projects"></div></section>
<section aria-label="Faces" style="grid-column: span 2"><h2>Which face?</h2><div id="faces"></div></section>
</main><script type="module" src="/inputs-harness.svelte.js"></script></body></html>`;

function harnessPlugin(): Plugin {
  return {
    name: 'inputs-harness',
    enforce: 'pre',
    // A .svelte.js id (not \0-prefixed) so the Svelte plugin compiles its runes: props given to mount as $state stay reactive.
    resolveId: (id) => (id === '/inputs-harness.svelte.js' ? '/__virtual__/inputs-harness.svelte.js' : undefined),
    load: (id) => (id === '/__virtual__/inputs-harness.svelte.js' ? HARNESS : undefined),
    configureServer(server) {
      server.middlewares.use('/inputs.html', async (_req, res) => {
        res.setHeader('Content-Type', 'text/html');
        res.end(await server.transformIndexHtml('/inputs.html', PAGE));
      });
    },
  };
}

let server: ViteDevServer;
let origin = '';

test.use({
  launchOptions: {
    ...chromiumLaunchOptions(),
    args: [...(chromiumLaunchOptions().args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
  viewport: { width: 1280, height: 900 },
});

test.beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: process.cwd(),
    cacheDir: '/tmp/vite-cache-inputs',
    logLevel: 'error',
    plugins: [svelte(), harnessPlugin()],
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { exclude: ['onnxruntime-web'] },
  });
  await server.listen();
  origin = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await server?.close();
});

async function open(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.context().grantPermissions(['camera', 'microphone'], { origin });
  await page.goto(`${origin}/inputs.html`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'yes', { timeout: 60_000 });
  await page.evaluate(() => {
    const h = (window as unknown as { harness: Harness }).harness;
    h.photo();
    h.voice();
    h.projects({ projects: [], current: null, onopen() {}, ondelete() {}, onnew() {} });
  });
  return errors;
}

interface Harness {
  events: Record<string, unknown>[];
  photo(extra?: object): void;
  voice(extra?: object): void;
  faces(props: object): void;
  projects(props: object): void;
  check(blob: Blob): Promise<{ ok: boolean; name?: string; message?: string; seconds?: number; type?: string }>;
  store: import('../../src/studio/projects/project-store.ts').ProjectStore;
  newProject: typeof import('../../src/studio/projects/project-store.ts').newProject;
  lastVoice?: Blob;
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { harness: Harness }).harness.events);
const screens = 'test-results/screens';

/** Bytes for a file input: a header that claims to be one thing, then whatever follows. */
function file(name: string, mimeType: string, bytes: Uint8Array) {
  return { name, mimeType, buffer: Buffer.from(bytes) };
}
const fixture = (path: string) => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

function pngHeader(width: number, height: number, tail: number[]): Uint8Array {
  const b = Buffer.alloc(33 + tail.length);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.set([8, 6, 0, 0, 0], 24);
  b.set(tail, 33);
  return new Uint8Array(b);
}

test.describe('photo input', () => {
  test('sample, picker, paste and drop each hand over a checked photo', async ({ page }) => {
    const errors = await open(page);
    mkdirSync(screens, { recursive: true });
    await page.screenshot({ path: `${screens}/inputs-empty.png` });

    await page.getByRole('button', { name: 'Try the sample photo' }).click();
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ kind: 'photo', origin: 'sample', width: 512, height: 512 }));

    await page.getByTestId('photo-file').setInputFiles(file('astronaut.png', 'image/png', fixture('analyse/astronaut.png')));
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ origin: 'picker', width: 512 }));

    // Paste and drop carry a File in a DataTransfer, as the browser builds them.
    await page.evaluate(async () => {
      const png = await (await fetch('/samples/astronaut.png')).blob();
      const data = new DataTransfer();
      data.items.add(new File([png], 'clip.png', { type: 'image/png' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
    });
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ origin: 'paste', width: 512 }));

    await page.evaluate(async () => {
      const png = await (await fetch('/samples/astronaut.png')).blob();
      const data = new DataTransfer();
      data.items.add(new File([png], 'dropped.png', { type: 'image/png' }));
      const zone = document.querySelector('[data-testid="photo-drop"]')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ origin: 'drop', width: 512 }));
    expect(errors).toEqual([]);
  });

  test('bad photos get a message that says what to do, and the input stays usable', async ({ page }) => {
    const errors = await open(page);
    const input = page.getByTestId('photo-file');
    const message = page.getByTestId('photo-error');

    const heic = new Uint8Array([0, 0, 0, 24, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic'), ...new Array(64).fill(0)]);
    await input.setInputFiles(file('IMG_0001.jpg', 'image/jpeg', heic));
    await expect(message).toContainText('HEIC');
    await expect(message).toContainText('JPEG');

    await input.setInputFiles(file('notes.pdf', 'application/pdf', new Uint8Array(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))));
    await expect(message).toContainText('not a photo');

    const corrupt = pngHeader(640, 480, Array.from({ length: 2000 }, (_, i) => (i * 37) & 0xff));
    await input.setInputFiles(file('broken.png', 'image/png', corrupt));
    await expect(message).toContainText('damaged');

    // A 100-megapixel PNG header: refused from the header, so nothing tries to allocate 400 MB.
    await input.setInputFiles(file('huge.png', 'image/png', pngHeader(10000, 10000, new Array(100).fill(0))));
    await expect(message).toContainText('10000 × 10000');
    await expect(message).toContainText('50 megapixels');
    await page.screenshot({ path: `${screens}/inputs-photo-too-large.png` });

    // After all that, a good photo still goes through and the message clears.
    await page.getByRole('button', { name: 'Try the sample photo' }).click();
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ origin: 'sample' }));
    await expect(message).toHaveCount(0);
    expect(await events(page)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  test('a photo wider than 8192 px is scaled down, with a note', async ({ page }) => {
    await open(page);
    await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(9000, 1200);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#456';
      ctx.fillRect(0, 0, 9000, 1200);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const data = new DataTransfer();
      data.items.add(new File([blob], 'panorama.jpg', { type: 'image/jpeg' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
    });
    await expect.poll(() => events(page), { timeout: 60_000 }).toContainEqual(
      expect.objectContaining({ origin: 'paste', name: 'panorama.jpg', width: 8192, height: 1092, type: 'image/jpeg' }),
    );
    await expect(page.getByTestId('photo-note')).toContainText('9000 × 1200');
  });

  test('a real 48-megapixel photo (12000 x 4000) is taken in and scaled without trouble', async ({ page }) => {
    const errors = await open(page);
    const ms = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(12000, 4000);
      const ctx = canvas.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, 12000, 4000);
      g.addColorStop(0, '#234');
      g.addColorStop(1, '#c96');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, 12000, 4000);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const t0 = performance.now();
      const data = new DataTransfer();
      data.items.add(new File([blob], 'wide.jpg', { type: 'image/jpeg' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
      const h = (window as unknown as { harness: Harness }).harness;
      while (!h.events.length) await new Promise((r) => setTimeout(r, 20));
      return performance.now() - t0;
    });
    expect(await events(page)).toContainEqual(expect.objectContaining({ origin: 'paste', width: 8192, height: 2731 }));
    console.log(`48 MP JPEG checked, decoded and scaled to 8192 px in ${ms.toFixed(0)} ms`);
    expect(errors).toEqual([]);
  });

  test('the webcam dialog takes a PNG snapshot and turns the camera off', async ({ page }) => {
    await page.addInitScript(() => {
      // Keep every stream the page opens, to check afterwards that its tracks were stopped.
      const opened: MediaStream[] = [];
      (window as unknown as { openedStreams: MediaStream[] }).openedStreams = opened;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (c) => {
        const s = await original(c);
        opened.push(s);
        return s;
      };
    });
    const errors = await open(page);
    await page.getByRole('button', { name: 'Use the camera' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take a photo' });
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('webcam-take')).toBeEnabled();
    await page.screenshot({ path: `${screens}/inputs-webcam.png` });
    await page.getByTestId('webcam-take').click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ origin: 'webcam', type: 'image/png' }));
    const live = await page.evaluate(() =>
      (window as unknown as { openedStreams: MediaStream[] }).openedStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState !== 'ended').length);
    expect(live).toBe(0);

    // Cancel (Escape) stops it too.
    await page.getByRole('button', { name: 'Use the camera' }).click();
    await expect(page.getByTestId('webcam-take')).toBeEnabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect.poll(() => page.evaluate(() =>
      (window as unknown as { openedStreams: MediaStream[] }).openedStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState !== 'ended').length)).toBe(0);
    expect(errors).toEqual([]);
  });
});

test.describe('voice input', () => {
  test('sample voice, a file, and a bad file', async ({ page }) => {
    const errors = await open(page);
    await page.getByRole('button', { name: 'Use the sample voice' }).click();
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ kind: 'voice', origin: 'sample', type: 'audio/wav' }));
    await expect(page.getByTestId('voice-chosen')).toContainText('Sample voice');

    await page.getByTestId('voice-file').setInputFiles(file('bob-map.mp3', 'audio/mpeg', fixture('speech/formats/bob-map.mp3')));
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ origin: 'file', name: 'bob-map.mp3' }));

    await page.getByTestId('voice-file').setInputFiles(file('photo.wav', 'audio/wav', fixture('analyse/astronaut.png')));
    await expect(page.getByTestId('voice-error')).toContainText('not audio');
    await page.screenshot({ path: `${screens}/inputs-voice-error.png` });
    expect(errors).toEqual([]);
  });

  test('record, stop, play back, use; the recording decodes and is not silent', async ({ page }) => {
    const errors = await open(page);
    await page.getByTestId('mic-record').click();
    await expect(page.getByTestId('mic-elapsed')).toHaveText('0:02', { timeout: 10_000 });
    await expect.poll(() => page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow').then(Number)).toBeGreaterThan(-40);
    await page.screenshot({ path: `${screens}/inputs-recording.png` });
    await page.getByTestId('mic-stop').click();
    await expect(page.getByTestId('mic-playback')).toBeVisible();
    await page.screenshot({ path: `${screens}/inputs-recorded.png` });
    await page.getByTestId('mic-use').click();
    await expect.poll(() => events(page)).toContainEqual(expect.objectContaining({ kind: 'voice', origin: 'mic' }));
    const checked = await page.evaluate(() => {
      const h = (window as unknown as { harness: Harness }).harness;
      return h.check(h.lastVoice!);
    });
    // Chromium's fake microphone plays a beep every second: sound, so not silent.
    expect(checked).toMatchObject({ ok: true });
    expect(checked.seconds).toBeGreaterThan(1.5);
    expect(errors).toEqual([]);
  });

  test('decodeVoice names corrupt, silent and unsupported audio with the browser decoder', async ({ page }) => {
    await open(page);
    const results = await page.evaluate(async () => {
      const h = (window as unknown as { harness: Harness }).harness;
      const at = async (url: string) => h.check(await (await fetch(url)).blob());
      return {
        m4a: await at('/tests/fixtures/speech/formats/bob-map.m4a'),
        opus: await at('/tests/fixtures/speech/formats/bob-map.opus'),
        video: await at('/tests/fixtures/speech/bob-map-video.mp4'),
        truncated: await at('/tests/fixtures/speech/formats/corrupt-truncated.m4a'),
        silence: await at('/tests/fixtures/speech/formats/silence-10s.flac'),
        garbage: await at('/tests/fixtures/speech/formats/corrupt-garbage.bin'),
        sample: await at('/samples/voice.wav'),
      };
    });
    expect(results.m4a).toMatchObject({ ok: true, type: 'mp4' });
    expect(results.opus).toMatchObject({ ok: true, type: 'ogg' });
    expect(results.video).toMatchObject({ ok: true, type: 'mp4' });
    expect(results.truncated).toMatchObject({ ok: false, name: 'CorruptAudioError' });
    expect(results.silence).toMatchObject({ ok: false, name: 'SilentAudioError' });
    expect(results.garbage).toMatchObject({ ok: false, name: 'UnsupportedAudioError' });
    expect(results.sample.ok).toBe(true);
    expect(results.sample.seconds).toBeGreaterThan(20);
  });
});

test.describe('face picker and projects', () => {
  test('faces are picked by click and by arrow keys', async ({ page }) => {
    await open(page);
    await page.evaluate(() => {
      const h = (window as unknown as { harness: Harness }).harness;
      const faces = [
        { box: { x: 170, y: 60, width: 130, height: 170 }, score: 0.97 },
        { box: { x: 20, y: 300, width: 90, height: 110 }, score: 0.61 },
        { box: { x: 380, y: 280, width: 80, height: 100 }, score: 0.55 },
      ];
      h.faces({ photoUrl: '/samples/astronaut.png', faces, selected: 0 });
    });
    const radios = page.getByRole('radio');
    await expect(radios).toHaveCount(3);
    await expect(page.getByRole('radio', { checked: true })).toHaveAccessibleName(/Face 1 of 3, 97% sure/);
    await page.getByTestId('face-2').click();
    await expect(page.getByRole('radio', { checked: true })).toHaveAccessibleName(/Face 3 of 3/);
    await page.keyboard.press('ArrowRight');
    // Reading order: the top face is 1, then the lower row left to right.
    await expect(page.getByRole('radio', { checked: true })).toHaveAccessibleName(/Face 1 of 3/);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { checked: true })).toHaveAccessibleName(/Face 2 of 3/);
    await expect(page.getByRole('radio', { checked: true })).toBeFocused();
    await page.screenshot({ path: `${screens}/inputs-faces.png` });
  });

  test('projects persist in IndexedDB across a reload, and delete asks first', async ({ page }) => {
    await open(page);
    const saved = await page.evaluate(async () => {
      const h = (window as unknown as { harness: Harness }).harness;
      const photo = await (await fetch('/samples/astronaut.png')).blob();
      const voice = await (await fetch('/samples/voice.wav')).blob();
      const p = { ...h.newProject('Astronaut reading Austen'), photo: { blob: photo, name: 'astronaut.png' }, voice: { blob: voice, name: 'voice.wav', origin: 'sample' as const } };
      await h.store.saveProject({ ...h.newProject('Older test'), updatedAt: 1 });
      await h.store.saveProject(p); // saved last, so it is the one a reload reopens
      return { id: p.id, photoBytes: photo.size };
    });
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'yes');
    const back = await page.evaluate(async () => {
      const h = (window as unknown as { harness: Harness }).harness;
      const list = await h.store.listProjects();
      const last = await h.store.lastProjectId();
      const p = await h.store.loadProject(last!);
      let removed = '';
      const render = () => h.projects({
        projects: list, current: last, onopen() {}, onnew() {},
        ondelete: (id: string) => { removed = id; list.splice(list.findIndex((s) => s.id === id), 1); render(); },
      });
      (window as unknown as { removed: () => string }).removed = () => removed;
      render();
      return { names: list.map((s) => s.name), photoBytes: p?.photo?.blob.size, voiceName: p?.voice?.name, last };
    });
    expect(back).toEqual({ names: ['Astronaut reading Austen', 'Older test'], photoBytes: saved.photoBytes, voiceName: 'voice.wav', last: saved.id });
    await expect(page.getByRole('button', { name: /^Astronaut reading Austen/ })).toHaveAttribute('aria-current', 'true');
    await page.getByRole('button', { name: 'Delete Older test' }).click();
    await expect(page.getByRole('alertdialog')).toContainText('cannot be undone');
    await expect(page.getByRole('button', { name: 'Keep' })).toBeFocused();
    await page.screenshot({ path: `${screens}/inputs-projects-confirm.png` });
    await page.getByRole('button', { name: 'Keep' }).click();
    expect(await page.evaluate(() => (window as unknown as { removed: () => string }).removed())).toBe('');
    await page.getByRole('button', { name: 'Delete Older test' }).click();
    await page.getByTestId('project-delete-confirm').click();
    await expect(page.getByRole('button', { name: /Older test/ })).toHaveCount(0);
    // Leave the browser profile clean for the next run.
    await page.evaluate(async () => {
      const h = (window as unknown as { harness: Harness }).harness;
      for (const s of await h.store.listProjects()) await h.store.deleteProject(s.id);
    });
  });
});
