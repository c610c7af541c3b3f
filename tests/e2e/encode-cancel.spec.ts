/**
 * Cancel mid-export, on both video backends: the call rejects with
 * CancelledError, no frame is left open on either side, no encoder or ffmpeg
 * command is still running, no partial file is kept, nothing is downloaded,
 * and the next export works.
 */
import type { Page } from '@playwright/test';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import type { SyntheticExport } from '../../src/studio/encode-client.ts';
import { expect, test } from './request-log.ts';

/** Starts a long export, aborts it once `after` frames are done, and reports what was left behind. */
async function cancelMidway(page: Page, o: SyntheticExport, after: number) {
  return page.evaluate(
    async ({ o, after }) => {
      const { encode } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
      const abort = new AbortController();
      let doneAtAbort = 0;
      let error = '';
      try {
        await encode.exportSynthetic(o, {
          signal: abort.signal,
          onProgress: (p) => {
            if (p.stage === 'encode' && p.done >= after && !abort.signal.aborted) {
              doneAtAbort = p.done;
              abort.abort();
            }
          },
        });
      } catch (e) {
        // Compare the user message, not the class name: the production build minifies class names.
        error = (e as { userMessage?: string }).userMessage ?? String(e);
      }
      const stats = await encode.stats();
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('vivify-exports', { create: true });
      const files: string[] = [];
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) files.push(name);
      return { error, doneAtAbort, stats, files };
    },
    { o, after },
  );
}

async function smallExportWorks(page: Page, forceFfmpeg: boolean) {
  return page.evaluate(async (forceFfmpeg) => {
    const { encode } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
    const r = await encode.exportSynthetic({ format: 'mp4', width: 160, height: 120, fps: 15, seconds: 1, audioSeconds: 1, forceFfmpeg });
    return { size: r.file.size, frames: r.frames, stats: await encode.stats() };
  }, forceFfmpeg);
}

for (const forceFfmpeg of [false, true]) {
  const backend = forceFfmpeg ? 'ffmpeg.wasm' : 'WebCodecs';
  test(`cancel during a ${backend} export frees frames, encoders and the file; the next export works`, async ({ page }) => {
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.goto('/');
    // Long enough that the abort lands mid-encode: 20 s of 512×512 (the fallback: 320×240, segments of 2 s).
    const o: SyntheticExport = forceFfmpeg
      ? { format: 'mp4', width: 320, height: 240, fps: 30, seconds: 20, audioSeconds: 20, forceFfmpeg }
      : { format: 'mp4', width: 512, height: 512, fps: 30, seconds: 20, audioSeconds: 20 };
    const left = await cancelMidway(page, o, forceFfmpeg ? 75 : 40);
    expect(left.error).toBe('Cancelled.'); // CancelledError's userMessage
    expect(left.doneAtAbort).toBeLessThan(o.seconds * o.fps);
    expect(left.stats).toEqual({ liveFrames: 0, active: false, ffmpegBusy: false, openEncoders: 0, framesInHand: 0 });
    expect(left.files).toEqual([]);

    const next = await smallExportWorks(page, forceFfmpeg);
    expect(next.frames).toBe(15);
    expect(next.size).toBeGreaterThan(1000);
    expect(next.stats.liveFrames).toBe(0);
    expect(downloads).toBe(0);
  });
}
