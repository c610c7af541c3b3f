/**
 * A PNG per frame, zipped as it goes. PNG is already deflated, so entries are
 * stored (ZipPassThrough): deflating again would cost time and save nothing.
 * The zip streams into the output file, so memory holds one frame at a time.
 */
import { Zip, ZipPassThrough } from 'fflate';
import { EncodeFailedError } from './errors.ts';
import type { ExportJob, JobContext } from './export-job.ts';
import type { AnyFrame } from './frame-ledger.ts';

export async function startPngZipJob(ctx: JobContext): Promise<ExportJob> {
  const o = ctx.options;
  const canvas = new OffscreenCanvas(o.width, o.height);
  const g = canvas.getContext('2d', { alpha: true })!;
  const writer = ctx.file.writable.getWriter();
  let position = 0;
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown;
  const zip = new Zip((err, data, final) => {
    if (err) {
      failure ??= err;
      return;
    }
    const at = position;
    position += data.byteLength;
    writing = writing.then(() => writer.write({ type: 'write', data: data as Uint8Array<ArrayBuffer>, position: at })).catch((e) => {
      failure ??= e;
    });
    if (final) writing = writing.then(() => writer.close());
  });
  const digits = Math.max(6, String(o.frameCount).length);
  const check = () => {
    if (failure) throw new EncodeFailedError(`PNG zip failed: ${String(failure)}`, { cause: failure });
  };

  return {
    mimeType: 'application/zip',
    extension: 'zip',
    openEncoders: 0,
    async add(frame: AnyFrame, index: number) {
      check();
      try {
        g.clearRect(0, 0, o.width, o.height);
        g.drawImage(frame, 0, 0, o.width, o.height);
      } finally {
        ctx.ledger.close(frame);
      }
      const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      const entry = new ZipPassThrough(`frame_${String(index).padStart(digits, '0')}.png`);
      zip.add(entry);
      entry.push(png, true);
      await writing;
      check();
    },
    async finish() {
      zip.end();
      await writing;
      check();
      return ctx.file.finish('application/zip');
    },
    async abort() {
      zip.terminate();
      await writer.abort().catch(() => undefined);
      await ctx.file.discard().catch(() => undefined);
    },
  };
}
